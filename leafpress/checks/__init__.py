"""Stage 2, check: everything that is wrong or doubtful in the loaded site, before anything is rendered.

`crossfile` groups the leaflets into a site and checks them against each other (ids, parity
with the source, translation status, approval records). `registry` lists every other check,
with its one-line doc and the rule names an allowance comment may silence; the check stage
runs them in that order. Each check lives in a module of its own and returns diagnostics with
the file and line.
"""
