-- roledoc lsp driven by Neovim's own LSP client (headless): the page in
-- $LSP_PAGE lacks actions and has a one-gender title. The test waits for
-- the role-has-actions diagnostic and checks its line and column (Neovim
-- turns the server's UTF-16 columns into byte columns: a wrong UTF-16
-- count shows as a wrong byte column after the emoji), applies the code
-- action for the title, and waits until gendered-title is gone.
-- Run: ROLEDOC=... LSP_PAGE=... nvim --headless --clean -n -c "luafile tests/lsp_neovim.lua"
local roledoc = assert(os.getenv("ROLEDOC"), "ROLEDOC is not set")
local page = assert(os.getenv("LSP_PAGE"), "LSP_PAGE is not set")
local failures, passes = 0, 0

local function check(name, ok, detail)
  if ok then
    passes = passes + 1
  else
    failures = failures + 1
    io.stderr:write("FAIL: " .. name .. (detail and (": " .. vim.inspect(detail)) or "") .. "\n")
  end
end

local function finish()
  io.stdout:write(string.format("%d passed, %d failed\n", passes, failures))
  vim.cmd(failures == 0 and "qall!" or "cquit! 1")
end

-- The rule id of a diagnostic, wherever this Neovim keeps it.
local function code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end

local function with_code(buf, rule)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if code(d) == rule then table.insert(found, d) end
  end
  return found
end

-- 1-based line and byte column of the first match of a plain string.
local function find_in(buf, text)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local col = line:find(text, 1, true)
    if col then return i, col end
  end
end

local ok_run, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(page))
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({
    name = "roledoc",
    cmd = { roledoc, "lsp" },
    root_dir = vim.fn.fnamemodify(page, ":h"),
    flags = { debounce_text_changes = 0 },
  })
  check("the client starts", client ~= nil)
  vim.lsp.buf_attach_client(buf, client)

  local got = vim.wait(15000, function() return #with_code(buf, "role-has-actions") > 0 end, 20)
  check("role-has-actions comes", got, vim.diagnostic.get(buf))
  local heading = find_in(buf, "# Chargée de déploiement")
  local actions = with_code(buf, "role-has-actions")[1]
  check("role-has-actions on the heading's line", actions and actions.lnum == heading - 1,
        { actions, heading })
  check("role-has-actions at its first column", actions and actions.col == 0, actions)
  check("an error", actions and actions.severity == vim.diagnostic.severity.ERROR, actions)
  local link = with_code(buf, "local-target-exists")[1]
  local line, col = find_in(buf, "[le guide]")
  check("after an emoji, the link's byte column", link and link.lnum == line - 1 and
        link.col == col - 1, { link, line, col })
  check("gendered-title comes", #with_code(buf, "gendered-title") == 1, vim.diagnostic.get(buf))

  -- The code action for the title, as the editor asks for it on the line.
  vim.api.nvim_win_set_cursor(0, { heading, 3 })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf) }
  local answers = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000) or {}
  local fix
  for _, answer in pairs(answers) do
    for _, action in ipairs(answer.result or {}) do
      if action.title:find("both forms", 1, true) then fix = action end
    end
  end
  check("a code action for the title", fix ~= nil, answers)
  if fix then
    vim.lsp.util.apply_workspace_edit(fix.edit, "utf-16")
    local title = vim.api.nvim_buf_get_lines(buf, heading - 1, heading, false)[1]
    check("the title gives both forms", title == "# Chargée / chargé de déploiement", title)
    got = vim.wait(15000, function()
      return #with_code(buf, "gendered-title") == 0 and #with_code(buf, "role-has-actions") == 1
    end, 20)
    check("then no gendered-title, role-has-actions still", got, vim.diagnostic.get(buf))
  end
  vim.lsp.stop_client(client)
end)
check("the script runs", ok_run, err)
finish()
