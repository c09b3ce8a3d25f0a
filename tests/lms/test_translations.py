"""The fi, sv and uk interface catalogues are complete, compiled and actually used.

The .po files are parsed here with a small parser (no extra dependency). The compiled .mo files
are read back and compared with the .po files entry by entry, so a forgotten `compilemessages`
fails the suite without relying on file modification times, which git does not keep.
"""

import gettext as stdlib_gettext
import re
import shutil
import struct
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

REPO = Path(__file__).resolve().parents[2]
LOCALE_DIR = REPO / "locale"
LANGUAGES = ("fi", "sv", "uk")
NPLURALS = {"fi": 2, "sv": 2, "uk": 3}
# Plural form expected for each n: Finnish and Swedish "one"/"other"; Ukrainian one/few/many.
PLURAL_CASES = {
    "fi": {0: 1, 1: 0, 2: 1, 5: 1, 11: 1, 21: 1},
    "sv": {0: 1, 1: 0, 2: 1, 5: 1, 11: 1, 21: 1},
    "uk": {0: 2, 1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 14: 2, 21: 0, 22: 1, 25: 2, 111: 2, 112: 2},
}
MY_LEARNING = {"fi": "Oma oppiminen", "sv": "Mitt lärande", "uk": "Моє навчання"}


# --- A small .po parser -----------------------------------------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
_ESCAPES |= {"f": "\f", "v": "\v", "'": "'", "?": "?"}
_ESCAPE_RE = re.compile(r"\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)", re.DOTALL)
_KEYWORD_RE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def _unquote(token: str, where: str) -> str:
    if len(token) < 2 or not (token.startswith('"') and token.endswith('"')):
        raise ValueError(f"{where}: expected a quoted string, got {token!r}")

    def replace(match: re.Match) -> str:
        code = match.group(1)
        if code in _ESCAPES:
            return _ESCAPES[code]
        if code[0] == "x":
            return chr(int(code[1:], 16))
        if code[0] in "01234567":
            return chr(int(code, 8))
        raise ValueError(f"{where}: unknown escape \\{code}")

    return _ESCAPE_RE.sub(replace, token[1:-1])


@dataclass
class Entry:
    line: int
    msgid: str | None = None
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    def label(self, path: Path) -> str:
        return f"{path.relative_to(REPO)}:{self.line} msgid {self.msgid!r}"

    def mo_key(self) -> str:
        key = self.msgid if self.msgid_plural is None else f"{self.msgid}\0{self.msgid_plural}"
        return key if self.msgctxt is None else f"{self.msgctxt}\x04{key}"

    def mo_value(self) -> str:
        if self.msgid_plural is None:
            return self.msgstr or ""
        return "\0".join(self.msgstr_plural[i] for i in sorted(self.msgstr_plural))

    def is_translated(self) -> bool:
        if self.msgid_plural is None:
            return bool(self.msgstr)
        return bool(self.msgstr_plural) and all(self.msgstr_plural.values())


def parse_po(path: Path) -> list[Entry]:
    """Entries of a .po file in order, the header included; obsolete (#~) entries are skipped."""
    entries: list[Entry] = []
    current = Entry(line=1)
    target: tuple[str, int | None] | None = None  # the field that "..." continuation lines extend

    def finish() -> None:
        nonlocal current, target
        if current.msgid is not None:
            entries.append(current)
        elif current.msgstr is not None or current.msgstr_plural or current.msgctxt is not None:
            raise ValueError(f"{path}:{current.line}: entry without msgid")
        target = None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        where = f"{path}:{number}"
        if not line:
            finish()
            current = Entry(line=number + 1)
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if current.msgid is not None and target and target[0] == "msgstr":
                # A comment after a complete entry starts the next one (no blank line between).
                finish()
                current = Entry(line=number)
            if line.startswith("#,"):
                current.flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        if line.startswith('"'):
            if target is None:
                raise ValueError(f"{where}: continuation line outside an entry")
            value = _unquote(line, where)
            name, index = target
            if name == "msgstr" and index is not None:
                current.msgstr_plural[index] += value
            else:
                setattr(current, name, getattr(current, name) + value)
            continue
        match = _KEYWORD_RE.match(line)
        if not match:
            raise ValueError(f"{where}: cannot parse {raw!r}")
        keyword, index, token = match.groups()
        value = _unquote(token, where)
        starts_entry = keyword in ("msgctxt", "msgid") and current.msgid is not None
        if starts_entry and target and target[0] == "msgstr":  # no blank line in between
            finish()
            current = Entry(line=number)
        if keyword.startswith("msgstr["):
            current.msgstr_plural[int(index)] = value
            target = ("msgstr", int(index))
        else:
            setattr(current, keyword, value)
            target = (keyword, None)
    finish()
    return entries


def parse_header(entry: Entry) -> dict[str, str]:
    fields = {}
    for line in (entry.msgstr or "").splitlines():
        name, sep, value = line.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def read_mo(path: Path) -> dict[str, str]:
    """Every msgid -> msgstr of a compiled GNU .mo file, keys as msgfmt writes them."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    if magic == 0x950412DE:
        order = "<"
    elif magic == 0xDE120495:
        order = ">"
    else:
        raise ValueError(f"{path} is not a .mo file")
    _revision, count, originals, translations = struct.unpack(order + "4I", data[4:20])
    catalogue = {}
    for i in range(count):
        length, offset = struct.unpack(
            order + "2I", data[originals + 8 * i : originals + 8 * i + 8]
        )
        key = data[offset : offset + length].decode("utf-8")
        length, offset = struct.unpack(
            order + "2I", data[translations + 8 * i : translations + 8 * i + 8]
        )
        catalogue[key] = data[offset : offset + length].decode("utf-8")
    return catalogue


def po_files(language: str) -> list[Path]:
    return sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po"))


ALL_PO_FILES = [path for language in LANGUAGES for path in po_files(language)]
PO_IDS = [str(path.relative_to(LOCALE_DIR)) for path in ALL_PO_FILES]


def language_of(path: Path) -> str:
    return path.relative_to(LOCALE_DIR).parts[0]


# --- The parser itself ------------------------------------------------------------------------


def test_parser_reads_continuations_plurals_flags_and_skips_obsolete(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fi\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "Hi %(name)s"\nmsgstr ""\n"Hei "\n"%(name)s"\n\n'
        'msgctxt "menu"\nmsgid "One"\nmsgid_plural "Many"\nmsgstr[0] "Yksi"\nmsgstr[1] ""\n\n'
        '#~ msgid "Old"\n#~ msgstr "Vanha"\n\n'
        'msgid "Say \\"hi\\"\\n"\nmsgstr ""\n',
        encoding="utf-8",
    )
    header, greeting, plural, quoted = parse_po(po)
    assert header.is_header and parse_header(header)["Language"] == "fi"
    assert greeting.msgstr == "Hei %(name)s" and greeting.fuzzy
    assert "python-format" in greeting.flags
    assert plural.msgctxt == "menu" and plural.msgstr_plural == {0: "Yksi", 1: ""}
    assert not plural.is_translated()
    assert plural.mo_key() == "menu\x04One\0Many"
    assert quoted.msgid == 'Say "hi"\n' and not quoted.is_translated()


# --- Catalogues -------------------------------------------------------------------------------


def test_every_interface_language_has_a_catalogue():
    assert LOCALE_DIR in [Path(p) for p in settings.LOCALE_PATHS]
    assert {code for code, _name in settings.LANGUAGES} - {"en"} == set(LANGUAGES)
    for language in LANGUAGES:
        assert (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").is_file(), (
            f"locale/{language}/LC_MESSAGES/django.po is missing: run makemessages"
        )


@pytest.mark.parametrize("po", ALL_PO_FILES, ids=PO_IDS)
def test_header_names_language_charset_and_plural_forms(po):
    language = language_of(po)
    entries = parse_po(po)
    assert entries and entries[0].is_header, f"{po} has no header entry"
    header = parse_header(entries[0])
    assert header.get("Language") == language
    assert "charset=UTF-8" in header.get("Content-Type", "")
    plural_forms = header.get("Plural-Forms", "")
    match = re.fullmatch(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?", plural_forms)
    assert match, f"{po}: bad Plural-Forms {plural_forms!r}"
    assert int(match.group(1)) == NPLURALS[language]
    plural = stdlib_gettext.c2py(match.group(2))
    for n, form in PLURAL_CASES[language].items():
        assert plural(n) == form, f"{po}: Plural-Forms picks form {plural(n)} for n={n}"


@pytest.mark.parametrize("po", ALL_PO_FILES, ids=PO_IDS)
def test_every_entry_is_translated_and_not_fuzzy(po):
    nplurals = NPLURALS[language_of(po)]
    problems = []
    for entry in parse_po(po):
        if entry.fuzzy:
            problems.append(f"{entry.label(po)} is marked fuzzy")
        if entry.is_header:
            continue
        if not entry.is_translated():
            problems.append(f"{entry.label(po)} is untranslated")
        if entry.msgid_plural is not None and sorted(entry.msgstr_plural) != list(range(nplurals)):
            problems.append(f"{entry.label(po)} needs msgstr[0]..msgstr[{nplurals - 1}]")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("po", ALL_PO_FILES, ids=PO_IDS)
def test_translations_keep_the_placeholders(po):
    placeholder = re.compile(r"%\([^)]+\)[sdif]|\{\{\s*\w+\s*\}\}")
    problems = []
    for entry in parse_po(po):
        if entry.is_header:
            continue
        expected = set(placeholder.findall(entry.msgid or ""))
        expected |= set(placeholder.findall(entry.msgid_plural or ""))
        translations = (
            [entry.msgstr or ""] if entry.msgid_plural is None else entry.msgstr_plural.values()
        )
        for text in translations:
            found = set(placeholder.findall(text))
            # A singular form may leave out the number ("one course"), never invent a name.
            if not found <= expected or (entry.msgid_plural is None and found != expected):
                problems.append(f"{entry.label(po)}: {text!r} has {found}, expected {expected}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("po", ALL_PO_FILES, ids=PO_IDS)
def test_msgfmt_accepts_the_catalogue(po):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed; cannot run its format checks")
    result = subprocess.run(  # noqa: S603 - fixed tool, our own file
        [msgfmt, "--check-format", "--check-header", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("po", ALL_PO_FILES, ids=PO_IDS)
def test_compiled_catalogue_matches_the_po_file(po):
    mo = po.with_suffix(".mo")
    assert mo.is_file(), f"{mo.relative_to(REPO)} is missing: run manage.py compilemessages"
    entries = parse_po(po)
    compiled = read_mo(mo)
    # msgfmt rewrites some header lines (newer versions drop POT-Creation-Date), so only the
    # header fields that change how Django reads the catalogue are compared.
    compiled_header = parse_header(Entry(line=0, msgid="", msgstr=compiled.pop("", "")))
    header = parse_header(entries[0]) if entries and entries[0].is_header else {}
    for name in ("Language", "Content-Type", "Plural-Forms"):
        assert compiled_header.get(name) == header.get(name), (
            f"{mo.relative_to(REPO)} has {name} {compiled_header.get(name)!r}, the .po has "
            f"{header.get(name)!r}: run manage.py compilemessages"
        )
    expected = {
        entry.mo_key(): entry.mo_value()
        for entry in entries
        if not entry.is_header and not entry.fuzzy and entry.is_translated()
    }
    stale = sorted(set(expected) ^ set(compiled))
    stale += sorted(
        key for key in expected.keys() & compiled.keys() if expected[key] != compiled[key]
    )
    assert not stale, (
        f"{mo.relative_to(REPO)} is out of date with its .po ({len(stale)} entries differ, "
        f"e.g. {stale[:5]!r}): run manage.py compilemessages"
    )


# --- What Django actually serves --------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_django_serves_the_translation(language):
    with translation.override(language):
        assert translation.gettext("My learning") == MY_LEARNING[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_django_picks_the_right_plural_form(language):
    entries = parse_po(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")
    plurals = [e for e in entries if e.msgid_plural and e.msgctxt is None and not e.fuzzy]
    if not plurals:
        pytest.skip(f"the {language} catalogue has no plural entries")
    entry = plurals[0]
    with translation.override(language):
        for n, form in PLURAL_CASES[language].items():
            assert (
                translation.ngettext(entry.msgid, entry.msgid_plural, n)
                == (entry.msgstr_plural[form])
            ), f"{language}: n={n} should use msgstr[{form}] of {entry.msgid!r}"


# --- Nothing in the code is missing from the catalogues -----------------------------------------


SOURCE_FOLDERS = ("lms", "courses", "quizzes", "scenarios", "gamification", "templates")


@pytest.fixture(scope="module")
def extracted_msgids(tmp_path_factory) -> set[tuple[str | None, str]]:
    """Every translatable string in the code and templates now, as makemessages extracts it.

    makemessages writes into the locale folder beside the files it reads, so it runs in a
    scratch folder of symlinks to the source folders, leaving the committed catalogues alone.
    """
    import os
    import sys

    if shutil.which("xgettext") is None:
        pytest.skip("xgettext (GNU gettext) is not installed; cannot extract the strings")
    scratch = tmp_path_factory.mktemp("extract")
    for folder in SOURCE_FOLDERS:
        (scratch / folder).symlink_to(REPO / folder, target_is_directory=True)
    (scratch / "locale").mkdir()
    result = subprocess.run(  # noqa: S603 - Django's own command with fixed arguments
        [sys.executable, "-m", "django", "makemessages", "--symlinks", "--keep-pot", "-l", "fi"],
        cwd=scratch,
        env={**os.environ, "PYTHONPATH": str(REPO), "DJANGO_SETTINGS_MODULE": "lms.settings.test"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    template = scratch / "locale" / "django.pot"
    assert template.is_file(), result.stdout + result.stderr
    return {(entry.msgctxt, entry.msgid) for entry in parse_po(template) if not entry.is_header}


@pytest.mark.parametrize("po", ALL_PO_FILES, ids=PO_IDS)
def test_no_string_in_the_code_is_missing_from_the_catalogue(po, extracted_msgids):
    assert extracted_msgids, "makemessages extracted nothing: the extraction itself is broken"
    in_catalogue = {(entry.msgctxt, entry.msgid) for entry in parse_po(po) if not entry.is_header}

    missing = sorted(msgid for _context, msgid in extracted_msgids - in_catalogue)

    assert missing == [], f"{po.relative_to(REPO)} lacks these strings: run `make messages`"
