"""`followup lsp`: the linter as a Language Server (pygls, stdio) for .md, .txt and .eml.

`checker.py` keeps the heavy things loaded and lints an editor's buffer; `convert.py` turns
findings into LSP diagnostics, hovers and code actions; `server.py` is the pygls wiring.
"""
