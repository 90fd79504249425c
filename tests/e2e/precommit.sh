#!/bin/sh
# The pre-commit hook, end to end and offline: a repository holding the
# .pre-commit-hooks.yaml that the project ships, and a documentation
# repository whose .pre-commit-config.yaml uses it (repo: that repository,
# rev: its commit), with Debian's pre-commit installed as its git hook.
# Committing a role page whose role has no actions is refused with the
# finding as FILE:LINE:COL; once the page is fixed, the commit goes through;
# a page with a warning only goes through with the warning shown.
#
# The hook runs `roledoc` from the PATH, here the program under test.
# Without pre-commit the test is skipped, unless CI is set.
. "$top_srcdir/tests/lib.sh"
require_tool git "apt-get install git"
if ! command -v pre-commit >/dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then
        echo "precommit: pre-commit not found (CI must run this test)" >&2
        exit 1
    fi
    echo "SKIP: pre-commit not found: apt-get install pre-commit" >&2
    exit 77
fi

# Nothing from the user's own git or pre-commit setup takes part, and
# nothing is fetched: the hook repository is a local one.
PATH=$(cd "$(dirname "$ROLEDOC")" && pwd):$PATH
PRE_COMMIT_HOME=$scratch/pre-commit-home
GIT_CONFIG_GLOBAL=/dev/null
GIT_CONFIG_NOSYSTEM=1
GIT_AUTHOR_NAME=roledoc-test GIT_AUTHOR_EMAIL=test@example.invalid
GIT_COMMITTER_NAME=roledoc-test GIT_COMMITTER_EMAIL=test@example.invalid
export PATH PRE_COMMIT_HOME GIT_CONFIG_GLOBAL GIT_CONFIG_NOSYSTEM \
    GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
unset ROLEDOC_RULES ROLEDOC_DOCS

# The hook repository: the shipped manifest, committed.
hooks=$scratch/hooks
git init -q "$hooks" &&
    cp "$top_srcdir/.pre-commit-hooks.yaml" "$hooks/" &&
    git -C "$hooks" add .pre-commit-hooks.yaml &&
    git -C "$hooks" commit -q -m "hooks" || { fail "hook repository"; finish; exit; }
rev=$(git -C "$hooks" rev-parse HEAD)
check "the shipped manifest is valid for pre-commit" \
    pre-commit validate-manifest "$hooks/.pre-commit-hooks.yaml"

# committed MESSAGE LOG WHAT: commits what is staged, which must go
# through (else the test WHAT fails, and the log is shown).
committed() {
    if git commit -m "$1" >"$2" 2>&1; then pass; else
        fail "$3:"
        cat "$2" >&2
    fi
}

# The documentation repository, with the hook installed.
docs=$scratch/docs
git init -q "$docs" || { fail "documentation repository"; finish; exit; }
cd "$docs" || exit 1
cat >.pre-commit-config.yaml <<EOF
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: roledoc
EOF
check "pre-commit install" sh -c 'pre-commit install >"$1" 2>&1' sh "$scratch/install.log"

# A role whose actions are a sentence, not a list.
mkdir -p metiers
cat >metiers/coach.md <<'EOF'
# Coach

## Coach en construction

**Mission**

Accompagner l'équipe pendant la construction du service.

**Actions principales**

Animer les rituels, suivre les indicateurs et préparer les comités.
EOF
git add .pre-commit-config.yaml metiers/coach.md
git commit -m "Add the coach page" >"$scratch/refused.log" 2>&1
status=$?
if [ "$status" -ne 0 ]; then pass; else fail "a role without actions was committed"; fi
check "refused: no commit made" sh -c '! git rev-parse -q --verify HEAD >/dev/null'
check "refused: the hook of the shipped manifest ran" grep -q '^roledoc lint\.' "$scratch/refused.log"
check "refused: the finding as FILE:LINE:COL" grep -qF \
    'metiers/coach.md:3:1: error: role "Coach en construction" has no list of actions [role-has-actions]' \
    "$scratch/refused.log"
[ "$failures" -eq 0 ] || cat "$scratch/refused.log" >&2

# The same page with its actions as a list.
cat >metiers/coach.md <<'EOF'
# Coach

## Coach en construction

**Mission**

Accompagner l'équipe pendant la construction du service.

**Actions principales**

* Animer les rituels
* Suivre les indicateurs
* Préparer les comités
EOF
git add metiers/coach.md
committed "Add the coach page" "$scratch/accepted.log" "the fixed page was refused"
check "accepted: one commit, holding the page" \
    sh -c 'test "$(git rev-list --count HEAD)" -eq 1 && git cat-file -e HEAD:metiers/coach.md'
check "accepted: the hook ran and passed" grep -q '^roledoc lint\..*Passed' "$scratch/accepted.log"

# A page that passes with a warning: the commit goes through and the
# warning is shown, as docs/pre-commit-config.example.yaml says (the hook
# is verbose: pre-commit hides the output of a hook that passes otherwise).
cat >metiers/developpeur.md <<'EOF'
# Développeur / développeuse

## Développeur / développeuse back-end

**Mission**

Construire le service avec [le programme](http://beta.gouv.fr).

**Actions principales**

* Écrire le code
EOF
git add metiers/developpeur.md
committed "Add the developer page" "$scratch/warned.log" "a page with a warning only was refused"
check "warned: the commit went through" test "$(git rev-list --count HEAD)" -eq 2
check "warned: the hook passed" grep -q '^roledoc lint\..*Passed' "$scratch/warned.log"
check "warned: the warning shown in the commit's output" grep -qF \
    'metiers/developpeur.md:7:28: warning: "http://beta.gouv.fr" uses http:// [http-link]' \
    "$scratch/warned.log"
check "warned: the summary shown" \
    grep -q '^roledoc: 1 page linted: 0 errors, 1 warning, ' "$scratch/warned.log"
check "warned: pre-commit's own lines, as the example says" \
    grep -q '^- hook id: roledoc$' "$scratch/warned.log"
[ "$failures" -eq 0 ] || cat "$scratch/warned.log" >&2

finish
