#!/usr/bin/env python3
"""Every repository path named in a comment or a document exists.

Usage: paths_test.py SOURCE_DIR

A reference rots when the file it names moves and nothing notices: issue 20
found 27 of them (engine/household/... from before the floors). This script
reads the comments of the source files (engine/, matchers/, connectors/,
bench/, tests/, cmake/, .ci/, CMakeLists.txt) and every tracked *.md, takes
each token that starts with a top-level folder of the repository (engine/,
configs/, tests/ ...) or names a top-level file (README.md ...), and fails
listing each one that names nothing in the tree. A public header named by
its include name (`hedui/case_store.h`) is looked for in engine/include/.

- `file.cc:123` is checked as `file.cc` (the line is not checked).
- Patterns are checked by matching something: `*`, `**`, `<...>`,
  `...`/`…`, a lone `N`, `X` or `x` (`tests/fuzz/regression/X`, `x.toml`),
  a word in capitals (`regression/TARGET/`), a numbered name (`peerN.sql`),
  `{a,b}` braces. `*` and `<...>` stay within one folder, as a shell glob.
- The reader's own file (`configs/feeds/my-vehicles.toml`) needs its folder.
- Markdown link targets are resolved from the document's own folder.
- Runtime paths (DATA/cases/, demo/data, a build folder) do not start with a
  repository folder and are not read as references.

Only the files git tracks count as existing (a stale build folder cannot
hide a broken reference). Exits 1 with one line per broken reference.
"""
import os
import re
import subprocess
import sys

TOP_DIRS = ["engine", "matchers", "connectors", "configs", "bench", "tests",
            "docs", "cmake", ".ci"]
TOP_FILES = ["CMakeLists.txt", "README.md", "ARCHITECTURE.md"]
# Folders whose source files' comments are read (besides CMakeLists.txt).
SOURCE_DIRS = ("engine/", "matchers/", "connectors/", "bench/", "tests/",
               "cmake/", ".ci/")
# Top-level files whose comments are read.
TOP_SOURCES = ("CMakeLists.txt", ".clang-tidy", ".clang-format", ".gitignore")
# Comment styles by file name ending; files without one are skipped.
SLASH_COMMENTS = (".cc", ".h", ".cpp", ".hpp", ".js", ".mjs")
HASH_COMMENTS = (".sh", ".cmake", ".py", ".toml", "CMakeLists.txt")
SQL_COMMENTS = (".sql",)

# A path token: a top-level folder then path characters, or a top-level
# file, perhaps after `./`. Not preceded by a path character (so
# ../elsewhere/tests/x, a URL's /tests/, or my_engine/ are not read as
# repository paths).
_PATH_CHARS = r"[A-Za-z0-9_.\-/*<>{},…]"
TOKEN = re.compile(
    r"(?<![A-Za-z0-9_.\-/])(?:\./)?"
    r"((?:" + "|".join(re.escape(d) for d in TOP_DIRS) + r")/" + _PATH_CHARS +
    r"*" + r"|(?:" + "|".join(re.escape(f) for f in TOP_FILES) + r"))")
# A public header by its include name, `hedui/case_store.h`: a comment that
# names it rots as surely when the header moves.
PUBLIC_HEADER = re.compile(r"(?<![A-Za-z0-9_.\-/])(hedui/[A-Za-z0-9_/]+\.h)\b")
PUBLIC_ROOT = "engine/include/"
MD_LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")


def tracked(src):
    run = subprocess.run(["git", "-C", src, "ls-files", "-z"],
                         capture_output=True)
    if run.returncode == 0 and run.stdout:
        files = [f for f in run.stdout.decode("utf-8").split("\0") if f]
    else:  # not a checkout (an unpacked archive): the files on disk
        files = []
        for root, subdirs, names in os.walk(src):
            subdirs[:] = [d for d in subdirs if d != ".git" and
                          d != "node_modules" and not d.startswith("build")]
            rel = os.path.relpath(root, src)
            files += [n if rel == "." else f"{rel}/{n}" for n in names]
    dirs = set()
    for f in files:
        parts = f.split("/")
        for i in range(1, len(parts)):
            dirs.add("/".join(parts[:i]))
    return files, set(files), dirs


def comment_text(path, text):
    """The comments of one source file, line by line (line number, text)."""
    if path in TOP_SOURCES or path.endswith(HASH_COMMENTS) or \
            _shebang(text):
        heredoc = None  # a here-document's body is data, not comments
        for n, line in enumerate(text.splitlines(), 1):
            if heredoc is not None:
                if line.strip() == heredoc:
                    heredoc = None
                continue
            i = _hash_comment(line)
            code = line if i < 0 else line[:i]
            m = re.search(r"<<-?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)", code)
            if m and not path.endswith((".cmake", ".txt", ".toml", ".py")):
                heredoc = m.group(1)
            if i >= 0:
                yield n, line[i + 1:]
        return
    if path.endswith(SQL_COMMENTS):
        for n, line in enumerate(text.splitlines(), 1):
            i = line.find("--")
            if i >= 0:
                yield n, line[i + 2:]
        return
    if not path.endswith(SLASH_COMMENTS):
        return
    in_block = False
    for n, line in enumerate(text.splitlines(), 1):
        out = []
        i = 0
        in_string = None
        while i < len(line):
            if in_block:
                j = line.find("*/", i)
                if j < 0:
                    out.append(line[i:])
                    break
                out.append(line[i:j])
                in_block = False
                i = j + 2
                continue
            c = line[i]
            if in_string:
                if c == "\\":
                    i += 2
                    continue
                if c == in_string:
                    in_string = None
                i += 1
                continue
            if line.startswith("//", i):
                out.append(line[i + 2:])
                break
            if line.startswith("/*", i):
                in_block = True
                i += 2
                continue
            # In C++ an apostrophe is a char literal or a digit separator
            # (1'000), never a string; only '"' needs stepping over. (A
            # string that spans lines, R"(...)", is read as code after its
            # first line: a false reading would still have to look like a
            # repository path.)
            if c == '"' or (c in "'`" and not path.endswith((".cc", ".h"))):
                in_string = c
            elif c == "'" and line[i:i + 3] in ("'\"'",):
                i += 3
                continue
            i += 1
        if out:
            yield n, " ".join(out)


def _hash_comment(line):
    """Where a `#` comment starts on a shell, CMake, Python or TOML line, or
    -1: a `#` that begins a word outside quotes (not `$#`, `${#x}`, "a#b")."""
    quote = None
    i = 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 2
                continue
            if c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t;("):
            return i
        i += 1
    return -1


def _shebang(text):
    return text.startswith("#!") and ("sh" in text.split("\n", 1)[0] or
                                      "python" in text.split("\n", 1)[0])


# The reader's own file (`configs/feeds/my-vehicles.toml`): its folder exists.
_READERS_OWN = re.compile(r"(^|/)my[-_][^/]*$")


def _placeholder(component):
    """The regex a placeholder path component stands for, or None: a lone N,
    X or x, also before an extension (`regression/X`, `x.toml`); a word in
    capitals without an extension (`regression/TARGET/`, not `README.md`); a
    numbered name (`peerN.sql`)."""
    stem, dot, ext = component.partition(".")
    tail = re.escape(dot + ext)
    if stem in ("N", "X", "x"):
        return "[^/]+" + tail
    if not dot and re.fullmatch(r"[A-Z][A-Z_]+", stem):
        return "[^/]+"
    if re.fullmatch(r"[a-z_][A-Za-z0-9_-]*[a-z_]N", stem):
        return re.escape(stem[:-1]) + "[^/]*" + tail
    return None


def is_pattern(p):
    return bool(re.search(r"[*<>{}…]|\.\.\.", p)) or \
        any(_placeholder(c) for c in p.split("/"))


def expand_braces(p):
    m = re.search(r"\{([^{}]*)\}", p)
    if not m:
        return [p]
    out = []
    for alt in m.group(1).split(","):
        out.extend(expand_braces(p[:m.start()] + alt + p[m.end():]))
    return out


def to_regex(p):
    """A pattern path as a regex over tracked paths: `*` and `<name>` stay
    within one folder (as the shell's glob does), `**`, `...` and `…` may
    span folders."""
    parts = []
    for component in p.split("/"):
        placeholder = _placeholder(component)
        if placeholder:
            parts.append(placeholder)
            continue
        out = []
        i = 0
        while i < len(component):
            if component.startswith(("**", "..."), i):
                out.append(".*")
                i += 2 if component.startswith("**", i) else 3
            elif component[i] == "…":
                out.append(".*")
                i += 1
            elif component[i] == "*":
                out.append("[^/]*")
                i += 1
            elif component[i] == "<" and ">" in component[i:]:
                out.append("[^/]+")
                i = component.index(">", i) + 1
            else:
                out.append(re.escape(component[i]))
                i += 1
        parts.append("".join(out))
    return re.compile("/".join(parts) + "(/.*)?")


def clean(token):
    # A sentence's or a list's punctuation after the path; a `:line`.
    t = token
    while True:
        before = t
        t = re.sub(r":\d+(-\d+)?$", "", t)
        t = t.rstrip(".,;:")
        # An unbalanced closing bracket or brace belongs to the prose.
        if t.endswith(")") and t.count("(") < t.count(")"):
            t = t[:-1]
        if t.endswith("}") and t.count("{") < t.count("}"):
            t = t[:-1]
        if t.endswith(">") and t.count("<") < t.count(">"):
            t = t[:-1]
        if t == before:
            return t


def exists(p, files, file_set, dirs):
    p = p.rstrip("/")
    if not p:
        return True
    for alt in expand_braces(p):
        if _READERS_OWN.search(alt):
            alt = _READERS_OWN.sub("", alt)
        if is_pattern(alt):
            r = to_regex(alt)
            if any(r.fullmatch(f) for f in files):
                continue
            return False
        if alt in file_set or alt in dirs:
            continue
        # A module named without its extension: `connectors/csv_parser`.
        if any(alt + ext in file_set for ext in (".cc", ".h")):
            continue
        return False
    return True


def ignored(src, paths):
    """The paths git ignores: what a build or an install makes
    (node_modules/, build/), not repository paths."""
    if not paths:
        return set()
    out = subprocess.run(["git", "-C", src, "check-ignore", "--no-index",
                          "--stdin", "-z"],
                         input="\0".join(p + "/" for p in paths).encode(),
                         capture_output=True).stdout
    # Asked as folders (`node_modules/` ignores only a folder, and a file
    # under an ignored folder is ignored either way).
    return {p.rstrip("/") for p in out.decode("utf-8").split("\0") if p}


def main():
    if len(sys.argv) != 2:
        print("usage: paths_test.py SOURCE_DIR", file=sys.stderr)
        return 2
    src = sys.argv[1]
    files, file_set, dirs = tracked(src)
    bad = []
    checked = 0

    def check(where, token, base=None, root=""):
        nonlocal checked
        t = clean(token)
        if not t or t in TOP_DIRS:
            return
        path = root + t
        if base is not None:
            path = os.path.normpath(os.path.join(base, t))
            if path.startswith(".."):
                bad.append((where, t + " (outside the repository)", None))
                return
        checked += 1
        if not exists(path, files, file_set, dirs):
            shown = t if path == t else f"{t} (that is, {path})"
            bad.append((where, shown, path))

    for f in files:
        is_md = f.endswith(".md")
        is_source = f in TOP_SOURCES or f.startswith(SOURCE_DIRS)
        if not (is_md or is_source):
            continue
        try:
            with open(os.path.join(src, f), encoding="utf-8") as fh:
                text = fh.read()
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        if is_md:
            lines = enumerate(text.splitlines(), 1)
        else:
            lines = comment_text(f, text)
        for n, line in lines:
            for m in TOKEN.finditer(line):
                check(f"{f}:{n}", m.group(1))
            for m in PUBLIC_HEADER.finditer(line):
                check(f"{f}:{n}", m.group(1), root=PUBLIC_ROOT)
            if is_md:
                for m in MD_LINK.finditer(line):
                    target = m.group(1)
                    # A URL; a top-level document's link to a repository
                    # path was checked above as a token.
                    if re.match(r"[a-z]+:", target) or \
                            ("/" not in f and TOKEN.fullmatch(clean(target))):
                        continue
                    check(f"{f}:{n}", target, os.path.dirname(f))

    skip = ignored(src, [p.rstrip("/") for _, _, p in bad if p])
    bad = [f"{w}: {t}" for w, t, p in bad if p is None or p.rstrip("/")
           not in skip]
    if bad:
        print(f"{len(bad)} repository path(s) named in comments or docs do "
              "not exist (only files git tracks count; a file that moved: "
              "git log --follow, git log --diff-filter=D --name-only):")
        for b in bad:
            print("  " + b)
        return 1
    print(f"ok: {checked} repository paths named in comments and docs exist")
    return 0


if __name__ == "__main__":
    sys.exit(main())
