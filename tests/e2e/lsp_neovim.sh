#!/bin/sh
# roledoc lsp with a real client: Neovim's built-in LSP client, headless,
# driven by tests/lsp_neovim.lua on a page of the fixtures that lacks
# actions and has a one-gender title.
. "$top_srcdir/tests/lib.sh"
require_tool nvim "apt-get install neovim"
cp -R "$top_srcdir/fixtures/lsp" "$scratch/lsp"
chmod -R u+w "$scratch/lsp"
cd "$scratch" || exit 1
if HOME=$scratch XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data \
   XDG_STATE_HOME=$scratch/state XDG_CACHE_HOME=$scratch/cache \
   LSP_PAGE=$scratch/lsp/space/chargee.md \
   timeout 120 nvim --headless --clean -n -c "luafile $top_srcdir/tests/lsp_neovim.lua" \
        >"$scratch/out" 2>"$scratch/err" </dev/null; then
    pass
else
    fail "Neovim's LSP client (exit status $?)"
fi
cat "$scratch/err" >&2
cat "$scratch/out"
finish
