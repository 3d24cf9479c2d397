"""`tally agree`: agreement between annotators of one Label Studio project, and the list
of their disagreements for adjudication."""
