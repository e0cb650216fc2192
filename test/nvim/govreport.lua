-- Headless Neovim session driving the GovReport language server with Neovim's own LSP client,
-- run by test/nvim/nvim.test.ts:
--   nvim --headless --clean -c 'luafile test/nvim/govreport.lua'
-- It opens the files the plan names, collects what Neovim shows (diagnostics as Neovim placed
-- them in the buffer, hover, document symbols, code actions, the buffer after a quick fix) and
-- writes it to the results file as JSON; the Node test asserts on it. Every wait is vim.wait
-- with a deadline; whatever happens, the results file is written and Neovim quits.
--
-- The client is configured as README.md tells users: filetype `govreport` for *.report.txt,
-- `vim.lsp.start` (Neovim 0.8+; `start_client` + `buf_attach_client` on 0.7, Debian 12's), the
-- server's settings under `govreport`, and UTF-8 positions asked for with
-- general.positionEncodings and adopted from the server's answer in on_init.

local env = vim.env
local plan = vim.fn.json_decode(table.concat(vim.fn.readfile(env.GOVREPORT_NVIM_PLAN), '\n'))
local TIMEOUT = 20000
local v = vim.version()
local results = { nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch), files = {} }

local function finish(err)
  if err then results.error = tostring(err) end
  local tmp = plan.results .. '.tmp'
  vim.fn.writefile({ vim.fn.json_encode(results) }, tmp)
  os.rename(tmp, plan.results)
  vim.cmd('qa!')
end

-- Raw publishDiagnostics as the server sent them (ranges in the negotiated encoding).
local raw = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result then raw[result.uri] = result end
  return publish(err, result, ctx, config)
end

-- Diagnostics set per buffer (push or pull, however this Neovim gets them).
local changed = {}
vim.api.nvim_create_autocmd('DiagnosticChanged', {
  callback = function(args)
    changed[args.buf] = (changed[args.buf] or 0) + 1
  end,
})

local capabilities = vim.lsp.protocol.make_client_capabilities()
capabilities.general = capabilities.general or {}
capabilities.general.positionEncodings = { 'utf-8', 'utf-16' }

local config = {
  name = 'govreport',
  cmd = { 'node', 'dist/server.js', '--stdio' },
  cmd_cwd = plan.root,
  root_dir = plan.dir,
  capabilities = capabilities,
  settings = { govreport = plan.settings },
  on_init = function(client, result)
    -- Neovim 0.10+ does this itself; 0.7 to 0.9 take the encoding from the config alone.
    client.offset_encoding = result.capabilities.positionEncoding or 'utf-16'
    -- Neovim 0.7 answers workspace/configuration but does not say so: push the settings (what
    -- nvim-lspconfig does for every server).
    client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    results.offset_encoding = client.offset_encoding
    results.server = result.serverInfo
  end,
}

local client_id
-- (`set`, not `setfiletype`: the runtime's own *.txt rule ran first and said `text`.)
vim.cmd('autocmd BufRead,BufNewFile *.report.txt set filetype=govreport')
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'govreport',
  callback = function(args)
    if vim.lsp.start then
      client_id = vim.lsp.start(config)
    else
      client_id = client_id or vim.lsp.start_client(config)
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})

local function wait(what, cond)
  if not vim.wait(TIMEOUT, cond, 10) then error('timed out after ' .. TIMEOUT .. ' ms waiting for ' .. what) end
end

local function request(buf, method, params)
  local answers, err = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
  if not answers then error(method .. ': ' .. tostring(err)) end
  for _, answer in pairs(answers) do
    if answer.error then error(method .. ': ' .. vim.inspect(answer.error)) end
    return answer.result
  end
  error(method .. ': no answer')
end

local function diagnostics_of(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ''
    table.insert(out, {
      code = d.code,
      severity = d.severity,
      message = d.message,
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      -- The characters the diagnostic covers, as Neovim placed it in the buffer.
      text = d.lnum == d.end_lnum and line:sub(d.col + 1, d.end_col) or vim.NIL,
    })
  end
  table.sort(out, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    return a.col < b.col
  end)
  return out
end

--- Opens a file and waits for its diagnostics; returns the buffer.
local function open(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  wait('diagnostics of ' .. path, function() return (changed[buf] or 0) > 0 end)
  return buf
end

--- Hover at a buffer position (1-based line, 0-based byte column), positioned as a user would.
local function hover_at(buf, line, byte)
  vim.api.nvim_win_set_cursor(0, { line + 1, byte })
  local params = vim.lsp.util.make_position_params()
  local h = request(buf, 'textDocument/hover', params)
  return { position = params.position, value = h and h.contents.value or vim.NIL, range = h and h.range or vim.NIL }
end

local function symbols_of(buf)
  local syms = request(buf, 'textDocument/documentSymbol', { textDocument = vim.lsp.util.make_text_document_params(buf) })
  local names = {}
  for _, s in ipairs(syms or {}) do table.insert(names, s.name) end
  return names
end

local ok, err = pcall(function()
  -- The seed: diagnostics, a hover on a cell, the outline.
  local seed = open(plan.seed.path)
  results.filetype = vim.bo[seed].filetype
  results.files.seed = {
    uri = vim.uri_from_bufnr(seed),
    diagnostics = diagnostics_of(seed),
    hover = hover_at(seed, plan.seed.hover.line, plan.seed.hover.byte),
    symbols = symbols_of(seed),
  }

  -- The broken report: the sum error on its cell, hover, outline, the quick fix applied.
  local broken = open(plan.broken.path)
  local cell = plan.broken.cell
  local r = {
    uri = vim.uri_from_bufnr(broken),
    line = vim.api.nvim_buf_get_lines(broken, cell.line, cell.line + 1, false)[1],
    diagnostics = diagnostics_of(broken),
    hover = hover_at(broken, cell.line, cell.byte),
    symbols = symbols_of(broken),
  }
  local sent = raw[r.uri]
  r.raw = {}
  for _, d in ipairs(sent and sent.diagnostics or {}) do
    if d.code == 'sum-mismatch' then table.insert(r.raw, d.range) end
  end
  results.files.broken = r

  -- Code actions for the diagnostics on the cell's line, as `vim.lsp.buf.code_action()` asks.
  vim.api.nvim_win_set_cursor(0, { cell.line + 1, cell.byte })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(broken) }
  local actions = request(broken, 'textDocument/codeAction', params) or {}
  r.actions = {}
  local fix
  for _, a in ipairs(actions) do
    table.insert(r.actions, a.title)
    if a.title == plan.broken.fix then fix = a end
  end
  if not fix then error('no code action titled ' .. plan.broken.fix) end
  vim.lsp.util.apply_workspace_edit(fix.edit, results.offset_encoding)
  r.fixed_line = vim.api.nvim_buf_get_lines(broken, cell.line, cell.line + 1, false)[1]
  -- The edit reaches the server as an incremental change in UTF-8 columns; wait for the
  -- diagnostics of the new text.
  wait('diagnostics after the fix', function()
    for _, d in ipairs(vim.diagnostic.get(broken)) do
      if d.code == 'sum-mismatch' then return false end
    end
    return true
  end)
  r.after_fix = diagnostics_of(broken)
  r.hover_after_fix = hover_at(broken, cell.line, cell.byte)
end)

finish(not ok and err or nil)
