"""Write locale_overrides/nl/LC_MESSAGES/{django,djangojs}.po.

Wagtail's Dutch catalogue translates "workflow", "snippet", "live" and
"dashboard" as themselves. This reads every nl catalogue of the installed
Wagtail, takes the entries whose Dutch still holds one of those words, and
writes Buurtplein's Dutch for them: EXACT for whole strings, RULES for words
inside longer ones (never inside a %(placeholder)s or {placeholder}).

Run after a Wagtail upgrade, read the diff, then compile:

    .venv/bin/python locale_overrides/generate.py
    cd locale_overrides/nl/LC_MESSAGES && msgfmt -c -o django.mo django.po \\
        && msgfmt -c -o djangojs.mo djangojs.po
"""

# ruff: noqa: E501 (whole strings of a translation table)
import ast
import re
from pathlib import Path

import wagtail

WAGTAIL = Path(wagtail.__file__).parent
TARGET = Path(__file__).parent / "nl" / "LC_MESSAGES"
ENGLISH = re.compile(
    r"(?i)\b(workflows?|snippets?|live|dashboard|bulk|checks?|minimap|incomplete|"
    r"reviewers?|editor guide|desktop|home|meta|content)\b|workflow-"
)
# Wagtail translations that lose their spaces.
FIXES = {
    "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s": (
        "%(start_index)s-%(end_index)s van %(items_count)s %(model_name)s"
    ),
}


def parse(path):
    """{(msgctxt, msgid): {plural, translated, msgstr}} of a .po file."""
    entries = {}
    cur = {}
    key = None
    fuzzy = False

    def flush():
        nonlocal cur, fuzzy
        if "msgid" in cur:
            k = (cur.get("msgctxt"), cur["msgid"])
            strs = [v for kk, v in cur.items() if kk.startswith("msgstr")]
            entries[k] = {
                "plural": cur.get("msgid_plural"),
                "translated": bool(strs) and all(strs) and not fuzzy,
                "msgstr": strs,
            }
        cur = {}
        fuzzy = False

    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            flush()
            key = None
            continue
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            cur[key] += ast.literal_eval(line)
            continue
        word, _, rest = line.partition(" ")
        if word == "msgctxt" and "msgid" in cur:
            f = fuzzy
            flush()
            fuzzy = f
        key = word
        cur[key] = ast.literal_eval(rest)
    flush()
    return entries


EXACT = {
    "Snippets": "Lijsten",
    "Dashboard": "Overzicht",
    "Home": "Start",
    "Live": "Gepubliceerd",
    "live": "gepubliceerd",
    "Minimap": "Minikaart",
    "Checks": "Controles",
    "Toggle checks": "Controles aan/uit",
    "Bulk actions": "Acties voor de selectie",
    "Editor Guide": "Handleiding voor redacteuren",
    "Incomplete task": "Onvoltooide taak",
    "Content metrics": "Tekst in cijfers",
    "Meta description is empty": "Beschrijving voor zoekmachines is leeg",
    "live revision": "gepubliceerde versie",
    "live + scheduled": "gepubliceerd + gepland",
    "live + draft": "gepubliceerd + concept",
    "live + in moderation": "gepubliceerd + ter goedkeuring",
    "Compare with live version": "Vergelijk met de gepubliceerde versie",
    "Choose when this page should go live and/or expire": "Kies wanneer deze pagina gepubliceerd wordt en/of verloopt",
    "Visit the live page": "Bekijk de pagina op de site",
    "Visible to all. Visit the live page": "Zichtbaar voor iedereen. Bekijk de pagina op de site.",
    "Private. Visit the live page": "Afgeschermd. Bekijk de pagina op de site.",
    "Once live anyone can view": "Na publicatie kan iedereen deze pagina bekijken",
    "Choose who can view the live version of this page": "Kies wie de gepubliceerde versie van deze pagina kan bekijken",
    "Go-live:": "Publiceren op:",
    "Live version": "Gepubliceerde versie",
    "View live": "Bekijk op de site",
    "Wagtail snippets": "Wagtail-lijsten",
    "workflow_tasks": "goedkeuringstaken",
    "Workflow: start": "Goedkeuring: gestart",
    "Workflow: approve task": "Goedkeuring: taak goedgekeurd",
    "Workflow: reject task": "Goedkeuring: taak afgekeurd",
    "Workflow: resume task": "Goedkeuring: taak hervat",
    "Workflow: cancel": "Goedkeuring: geannuleerd",
    "Workflow task rejected. Workflow complete": "Goedkeuringstaak afgekeurd. Goedkeuringsroute afgerond",
    "Cancel workflow ": "Goedkeuring annuleren",
    "Restart workflow ": "Goedkeuring opnieuw starten",
    "Page/Snippet": "Pagina of lijstitem",
    "Page/Snippet ID": "ID van pagina of lijstitem",
    "Page/Snippet Type": "Type pagina of lijstitem",
    "Page/Snippet Title": "Titel van pagina of lijstitem",
    "workflow page": "pagina met goedkeuringsroute",
    "workflow pages": "pagina's met goedkeuringsroute",
    "workflow task order": "taakvolgorde van een goedkeuringsroute",
    "workflow task orders": "taakvolgordes van goedkeuringsroutes",
    "Toggle minimap": "Toon/verberg minikaart",
    "This is your dashboard on which helpful information about content you've created will be displayed.": "Dit is jouw overzicht, met handige informatie over wat je hebt gemaakt.",
    "The page '%(page_title)s' is not currently awaiting moderation in task '%(task_name)s'.": "Pagina '%(page_title)s' wacht nu niet op goedkeuring in taak '%(task_name)s'.",
    "Unknown content type": "Onbekend inhoudstype",
    "for content type": "voor inhoudstype",
    "meta description": "beschrijving voor zoekmachines",
    "content JSON": "inhoud (JSON)",
    "Workflow progress": "Voortgang van de goedkeuring",
    "This {model_name} is awaiting <b>'{task_name}'</b> in the <b>'{workflow_name}'</b> workflow.": "{model_name} wacht op <b>'{task_name}'</b> in goedkeuringsroute <b>'{workflow_name}'</b>.",
}
RULES = [
    (r"Workflow[- ]taken", "Goedkeuringstaken"),
    (r"workflow[- ]taken", "goedkeuringstaken"),
    (r"Workflow[- ]taak", "Goedkeuringstaak"),
    (r"workflow[- ]taak", "goedkeuringstaak"),
    (r"Workflow-statussen", "Goedkeuringsstatussen"),
    (r"workflow-statussen", "goedkeuringsstatussen"),
    (r"Workflow-status", "Goedkeuringsstatus"),
    (r"workflow-status", "goedkeuringsstatus"),
    (r"Workflow-geschiedenis", "Goedkeuringsgeschiedenis"),
    (r"workflow-geschiedenis", "goedkeuringsgeschiedenis"),
    (r"\bWorkflows\b", "Goedkeuringsroutes"),
    (r"\bworkflows\b", "goedkeuringsroutes"),
    (r"\bWorkflow\b", "Goedkeuringsroute"),
    (r"\bworkflow\b", "goedkeuringsroute"),
    (r"\bSnippets\b", "Lijstitems"),
    (r"\bsnippets\b", "lijstitems"),
    (r"\bSnippet\b", "Lijstitem"),
    (r"\bsnippet\b", "lijstitem"),
    (r"goedkeuringsroute moderatie", "goedkeuringsroute"),
    (r"Pagina's/lijstitems", "Pagina's en lijstitems"),
    (r"pagina / lijstitem", "pagina of lijstitem"),
    (r"pagina/lijstitem", "pagina of lijstitem"),
    (r"Pagina/Lijstitem", "Pagina of lijstitem"),
    (r"pagina's/lijstitems", "pagina's en lijstitems"),
    (r"\breviewers\b", "beoordelaars"),
    (r"Wagtail Editor Guide", "Wagtail-handleiding voor redacteuren"),
    (r"op desktop formaat", "op computerformaat"),
    (r"\bdesktop\b", "computer"),
    (r"Meta beschrijving", "Beschrijving voor zoekmachines"),
    (r"\bDashboard\b", "Overzicht"),
    (r"\bdashboard\b", "overzicht"),
    (r"Bulk acties", "Acties voor de selectie"),
    (r"\blive-versie\b", "gepubliceerde versie"),
    (r"\blive versie\b", "gepubliceerde versie"),
    (r"\blive pagina\b", "pagina op de site"),
    (r"gepland om live te gaan", "gepland voor publicatie"),
    (r"is live en", "is gepubliceerd en"),
    (r"Bekijk live", "Bekijk op de site"),
    (r"Live-gang", "Publicatie"),
    (r"\bsnippet types\b", "soorten lijstitems"),
    (r"\blijstitem type\b", "soort lijstitem"),
    (r"lijstitem types", "soorten lijstitems"),
]


def dutch(msgid: str, msgstr: str, plural: bool) -> str:
    if msgid in FIXES:
        return FIXES[msgid]
    if msgid in EXACT and not plural:
        return EXACT[msgid]
    parts = re.split(r"(%\([^)]*\)[sd]|\{[a-z_]+\})", msgstr)
    for i in range(0, len(parts), 2):
        for pattern, replacement in RULES:
            parts[i] = re.sub(pattern, replacement, parts[i])
    return "".join(parts)


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


HEADER = """# Dutch for Wagtail admin strings that Wagtail's own nl catalogue leaves in
# English ("workflow", "snippets", "live", "dashboard", ...). Generated from
# Wagtail %s's catalogues and reviewed by hand; Buurtplein's words: a workflow
# is a "goedkeuringsroute", a snippet a "lijstitem" (the menu: "Lijsten"),
# "live" is "gepubliceerd". LOCALE_PATHS puts this after locale/, so the
# project's own catalogue wins where both have a msgid.
#
# Regenerate after a Wagtail upgrade and compile with
#   msgfmt -c -o django.mo django.po
msgid ""
msgstr ""
"Project-Id-Version: buurtplein-wagtail-overrides\\n"
"Language: nl\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"""


def main() -> None:
    entries = {"django": {}, "djangojs": {}}
    for po in sorted(WAGTAIL.glob("**/locale/nl/LC_MESSAGES/*.po")):
        domain = po.stem
        for (ctx, msgid), entry in parse(po).items():
            if not msgid or (ctx, msgid) in entries[domain]:
                continue
            if msgid not in FIXES and not any(
                ENGLISH.search(s) for s in entry["msgstr"]
            ):
                continue
            new = [dutch(msgid, s, bool(entry["plural"])) for s in entry["msgstr"]]
            if new != entry["msgstr"]:
                entries[domain][(ctx, msgid)] = (entry["plural"], new)
    TARGET.mkdir(parents=True, exist_ok=True)
    for domain, found in entries.items():
        lines = [HEADER % wagtail.__version__]
        for (ctx, msgid), (plural, new) in sorted(
            found.items(), key=lambda item: (item[0][1].lower(), item[0][0] or "")
        ):
            lines.append("")
            if ctx:
                lines.append("msgctxt " + q(ctx))
            lines.append("msgid " + q(msgid))
            if plural:
                lines.append("msgid_plural " + q(plural))
                lines += [f"msgstr[{i}] " + q(text) for i, text in enumerate(new)]
            else:
                lines.append("msgstr " + q(new[0]))
        (TARGET / f"{domain}.po").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(domain, len(found))


if __name__ == "__main__":
    main()
