"""`tally probe`: capability suites for any extractor (CheckList's MFT / INV / DIR for figures).

Data flows generate → run → compare → report:
`perturb` and `templates` build `Case`s (a document and what the extractor must do on it),
`runner` sends every document to the extractor command in one batch, `expect` judges each
case against the predictions, and `report` counts the results per capability and test.
"""
