-- :checkhealth gazette
local M = {}

local function frame(msg)
  local body = vim.json.encode(msg)
  return ('Content-Length: %d\r\n\r\n%s'):format(#body, body)
end

function M.check()
  local h = vim.health
  local gazette = require('gazette')
  h.start('gazette')
  if vim.fn.has('nvim-0.11') == 1 then h.ok('Neovim ' .. tostring(vim.version())) else
    h.error('Neovim >= 0.11 needed (vim.lsp.config), have ' .. tostring(vim.version()))
  end
  local cmd = gazette.cmd_line()
  local bin = cmd[1]
  local path = vim.fn.exepath(bin)
  if path == '' then
    h.error(('`%s` not found'):format(bin), {
      'cargo install --path . (from the gazette repository), or put the binary on $PATH',
      "or require('gazette').setup({ bin = '/abs/path/to/gazette' })",
    })
    return
  end
  h.ok('binary: ' .. path)
  local v = vim.system({ path, '--version' }, { text = true }):wait(5000)
  if v.code == 0 then h.ok('version: ' .. vim.trim(v.stdout)) else
    h.error(('`%s --version` failed (exit %s): %s'):format(path, tostring(v.code), vim.trim(v.stderr or '')))
  end

  -- Start the server once, outside any buffer: initialize, wait for the answer, shut down.
  local args = vim.list_extend({ path }, vim.list_slice(cmd, 2))
  local out, errs = {}, {}
  local t0 = vim.uv.hrtime()
  local ok_spawn, proc = pcall(vim.system, args, {
    stdin = true, text = true,
    stdout = function(_, data) if data then out[#out + 1] = data end end,
    stderr = function(_, data) if data then errs[#errs + 1] = data end end,
  })
  if not ok_spawn then return h.error(('could not run `%s`: %s'):format(table.concat(args, ' '), proc)) end
  proc:write(frame({ jsonrpc = '2.0', id = 1, method = 'initialize', params = {
    processId = vim.NIL, rootUri = vim.NIL, capabilities = vim.empty_dict() } }))
  vim.wait(10000, function() return table.concat(out):find('"id":%s*1') ~= nil end, 20)
  local ms = math.floor((vim.uv.hrtime() - t0) / 1e6)
  proc:write(frame({ jsonrpc = '2.0', id = 2, method = 'shutdown' }))
  vim.wait(2000, function() return table.concat(out):find('"id":%s*2') ~= nil end, 20)
  proc:write(frame({ jsonrpc = '2.0', method = 'exit' }))
  proc:write(nil)
  local r = proc:wait(3000)
  r.stdout, r.stderr = table.concat(out), table.concat(errs)
  local json = (r.stdout or ''):match('(%b{})')
  local ok, init = pcall(vim.json.decode, json or '')
  local caps = ok and type(init) == 'table' and init.result and init.result.capabilities
  if not caps then
    h.error(('`%s` did not answer initialize (exit %s, %d ms): %s'):format(table.concat(args, ' '),
      tostring(r.code), ms, vim.trim((r.stderr or ''):sub(1, 400))))
  else
    local feats = {}
    for _, k in ipairs({ 'hoverProvider', 'definitionProvider', 'referencesProvider', 'codeActionProvider',
      'semanticTokensProvider', 'inlayHintProvider', 'documentSymbolProvider', 'workspaceSymbolProvider' }) do
      if caps[k] then feats[#feats + 1] = k:gsub('Provider$', '') end
    end
    h.ok(('server starts and answers initialize in %d ms; offers: %s'):format(ms, table.concat(feats, ', ')))
    local ec = caps.executeCommandProvider
    local cmds = type(ec) == 'table' and ec.commands or {}
    if vim.list_contains(cmds, 'gazette.accept') then
      h.ok('review commands: ' .. table.concat(cmds, ', '))
    else
      h.warn('the server offers no review commands yet (:GazetteAccept etc. will say so)')
    end
  end

  -- Knowledge base: the built-in one answers a probe sentence through `gazette annotate -`.
  local probe = vim.system({ path, 'annotate', '-' }, { stdin = 'Talks with Russia resumed.\n', text = true }):wait(10000)
  if probe.code == 0 and (probe.stdout or ''):find('"country:ru"', 1, true) then
    h.ok('knowledge base loaded: `gazette annotate -` finds Russia (country:ru)')
  else
    h.error(('knowledge base check failed: `gazette annotate -` exit %s: %s'):format(tostring(probe.code),
      vim.trim((probe.stderr or '') .. (probe.stdout or '')):sub(1, 300)))
  end
  -- The configured user KB files, and what the server found in open buffers.
  local gs = (gazette.config.settings or {}).gazette or {}
  local kb = gs.kb and gs.kb.paths or {}
  if #kb == 0 then h.info('KB: built-in only (no gazette.kb.paths configured)') end
  for _, pat in ipairs(kb) do
    local files = vim.fn.glob(vim.fn.expand(pat), false, true)
    if #files == 0 then h.warn('KB pattern matches no file: ' .. pat) else
      h.ok(('KB pattern %s: %d file(s)'):format(pat, #files))
    end
  end
  local clients = vim.lsp.get_clients({ name = 'gazette' })
  if #clients == 0 then
    h.info('no gazette client running (open a .txt or .md file)')
  end
  for _, c in ipairs(clients) do
    local bufs = vim.tbl_keys(c.attached_buffers)
    local n = 0
    for _, b in ipairs(bufs) do n = n + #(gazette.entities(b, 2000) or {}) end
    h.ok(('client %d attached to %d buffer(s); %d entities found with the loaded KB'):format(c.id, #bufs, n))
  end
end

return M
