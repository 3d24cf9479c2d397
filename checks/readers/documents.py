"""Document-level fields shared by every reader."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from checks.facts import DOCUMENT_COLUMNS, InputError, typed
from checks.schema import DOC_ID_RE


def check_doc_id(doc_id: object, where: str) -> str:
    if doc_id is None:
        raise InputError(where, "document has no doc_id")
    if not isinstance(doc_id, str) or not DOC_ID_RE.fullmatch(doc_id):
        raise InputError(where, f"doc_id {doc_id!r} is not a slug ([a-z0-9][a-z0-9._-]*)")
    return doc_id


def check_published(value: object, where: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise InputError(where, f"published {value!r} is not an ISO date") from None


def documents_frame(records: list[dict]) -> pd.DataFrame:
    for rec in records:
        rec["published"] = check_published(rec.get("published"), rec["origin"])
        for key in ("text", "source", "lang", "extractor"):
            value = rec.get(key)
            if value is not None and not isinstance(value, str):
                raise InputError(rec["origin"], f"{key} must be a string, got {value!r:.60}")
    return typed(pd.DataFrame.from_records(records, columns=DOCUMENT_COLUMNS))
