-- Drives Neovim's own LSP client against the owasp-audit language server, for test/e2e/neovim.test.ts.
-- Run: nvim --headless --clean -n --cmd "let g:loaded_python3_provider = 0" -c "luafile apply-code-action.lua" -- FILE
-- Environment:
--   OWASP_AUDIT_NODE, OWASP_AUDIT_CLI  node and dist/cli.js (started as `node cli.js lsp --stdio`)
--   OWASP_AUDIT_ROOT                   workspace folder
--   OWASP_AUDIT_RULE                   the rule whose code action is applied
--   OWASP_AUDIT_ACTION                 `fix` (the preferred quick fix) or `suppress`
--   OWASP_AUDIT_RESULT                 where the JSON result goes
-- Result: { before, actions = {rule -> titles}, applied, after, text } or { error }.
-- Ends with `qa!` (exit 0) or `cquit 1`, never os.exit, so Neovim cleans up and stops the server.

local TIMEOUT_MS = 15000
local env = vim.env
local result = {}

local function write_result()
  local file = assert(io.open(env.OWASP_AUDIT_RESULT, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

local function wait_for(what, condition)
  if not vim.wait(TIMEOUT_MS, condition, 20) then error('timed out waiting for ' .. what) end
end

-- The buffer's diagnostics as plain, sorted data (0-based lines, byte columns).
local function snapshot(buf)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(items, {
      code = d.code, line = d.lnum, col = d.col, end_line = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
    })
  end
  table.sort(items, function(a, b)
    if a.line ~= b.line then return a.line < b.line end
    return a.code < b.code
  end)
  return items
end

local function main()
  local buf = vim.api.nvim_get_current_buf()
  local publications = {}
  local client_id = vim.lsp.start_client({
    name = 'owasp-audit',
    cmd = { env.OWASP_AUDIT_NODE, env.OWASP_AUDIT_CLI, 'lsp', '--stdio' },
    root_dir = env.OWASP_AUDIT_ROOT,
    workspace_folders = { { uri = vim.uri_from_fname(env.OWASP_AUDIT_ROOT), name = 'workspace' } },
    handlers = {
      -- Record which document version each publication describes, then let Neovim store the diagnostics.
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        table.insert(publications, { uri = params.uri, version = params.version })
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, params, ctx, config)
      end,
    },
  })
  assert(client_id, 'vim.lsp.start_client failed')
  assert(vim.lsp.buf_attach_client(buf, client_id), 'vim.lsp.buf_attach_client failed')
  local client = vim.lsp.get_client_by_id(client_id)
  local uri = vim.uri_from_bufnr(buf)

  -- Waits until the server published diagnostics for the buffer's current version.
  local function wait_for_current_diagnostics()
    wait_for('diagnostics of the current version', function()
      local version = vim.lsp.util.buf_versions[buf]
      for _, p in ipairs(publications) do
        if p.uri == uri and p.version == version then return true end
      end
      return false
    end)
  end

  wait_for('the server to initialize', function() return client.initialized end)
  wait_for_current_diagnostics()
  result.before = snapshot(buf)

  -- Ask for code actions on each diagnostic, the way vim.lsp.buf.code_action() does: cursor on the line,
  -- the line's diagnostics as context.
  result.actions = {}
  local chosen
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
    local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
    params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum, {}, client_id) }
    local response, reason = client.request_sync('textDocument/codeAction', params, TIMEOUT_MS, buf)
    assert(response and not response.err, 'codeAction failed: ' .. vim.inspect(response and response.err or reason))
    local titles = {}
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      local wanted = (env.OWASP_AUDIT_ACTION == 'fix' and action.isPreferred)
        or (env.OWASP_AUDIT_ACTION == 'suppress' and vim.startswith(action.title, 'Suppress '))
      if d.code == env.OWASP_AUDIT_RULE and wanted then chosen = action end
    end
    result.actions[d.code] = titles
  end
  assert(chosen, 'no ' .. env.OWASP_AUDIT_ACTION .. ' action for ' .. env.OWASP_AUDIT_RULE)

  result.applied = chosen.title
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  wait_for_current_diagnostics()
  result.after = snapshot(buf)
  result.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n') .. '\n'
end

local ok, err = xpcall(main, debug.traceback)
if not ok then result.error = tostring(err) end
write_result()
vim.cmd(ok and 'qa!' or 'cquit 1')
