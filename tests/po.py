"""The translations of po/de.po for the Python tests that compare the German output with
them (exactly the catalogue's text, not a copy in the test).

    import po
    DE = po.load(os.path.join(TOP, "po", "de.po"))
"""
import json


def load(path):
    """msgid -> msgstr of a .po file (no plurals or contexts among the texts the tests read)."""
    table, key, cur, field = {}, None, None, None

    def unquote(s):
        return json.loads(s)

    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("msgid "):
            if key is not None and cur is not None:
                table[key] = cur
            key, cur, field = unquote(line[6:]), None, "id"
        elif line.startswith("msgstr "):
            cur, field = unquote(line[7:]), "str"
        elif line.startswith('"'):
            if field == "id":
                key += unquote(line)
            elif field == "str":
                cur += unquote(line)
        elif not line.strip():
            if key is not None and cur is not None:
                table[key] = cur
            key, cur, field = None, None, None
    if key is not None and cur is not None:
        table[key] = cur
    return table
