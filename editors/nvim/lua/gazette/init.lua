-- gazette.nvim: Neovim (>= 0.11) client for `gazette lsp`.
--   require('gazette').setup({ settings = { gazette = { documentDate = '2025-03-14' } } })
-- Review commands (:GazetteAccept, ...) call the server's `gazette.*` commands through
-- workspace/executeCommand; the server writes the `.ann` sidecar beside the article.
local M = {}

M.labels = { 'PERSON', 'COUNTRY', 'DEMONYM', 'DATE' }

local defaults = {
  -- Binary and arguments; `cmd` wins over `bin` when given.
  bin = 'gazette',
  cmd = nil,
  filetypes = { 'text', 'markdown' },
  root_markers = { '.git' },
  -- Server settings, sent as initializationOptions, workspace/didChangeConfiguration and
  -- answered to workspace/configuration (section `gazette`). Keys: debounceMs, documentDate,
  -- labels, severity, inlayHints = { enabled }, kb = { paths }, unknownPerson = { enabled },
  -- maxFileSizeMb, maxDiagnostics.
  settings = { gazette = {} },
  -- false: only register the config (call vim.lsp.enable('gazette') yourself).
  enable = true,
  -- Show inlay hints (resolved date values) in gazette buffers.
  inlay_hints = true,
}

M.config = vim.deepcopy(defaults)

local function cmd_line()
  return M.config.cmd or { M.config.bin, 'lsp' }
end
M.cmd_line = cmd_line

--- Configure and enable the `gazette` language server.
function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  local settings = M.config.settings or {}
  settings.gazette = settings.gazette or {}
  -- an empty Lua table encodes as [] in JSON: send {} for "no settings"
  if next(settings.gazette) == nil then settings.gazette = vim.empty_dict() end
  vim.lsp.config('gazette', {
    cmd = cmd_line(),
    filetypes = M.config.filetypes,
    -- Like root_markers, but go-to-definition's materialised KB files (~/.cache/gazette/kb-*/)
    -- are not articles: no client there.
    root_dir = function(bufnr, on_dir)
      local name = vim.api.nvim_buf_get_name(bufnr)
      if name:find('/gazette/kb%-[^/]+/[^/]+$') then return end
      on_dir(vim.fs.root(bufnr, M.config.root_markers))
    end,
    settings = settings,
    init_options = settings,
    on_attach = function(client, bufnr)
      if M.config.inlay_hints and client:supports_method('textDocument/inlayHint') then
        vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
      end
    end,
  })
  if M.config.enable then vim.lsp.enable('gazette') end
  M.set_highlights()
end

--- Push changed settings to running servers (e.g. after editing M.config.settings).
function M.update_settings(settings)
  M.config.settings = vim.tbl_deep_extend('force', M.config.settings or {}, settings or {})
  for _, c in ipairs(vim.lsp.get_clients({ name = 'gazette' })) do
    c.settings = M.config.settings
    c:notify('workspace/didChangeConfiguration', { settings = M.config.settings })
  end
end

-- Semantic tokens: token types and modifiers the server sends, linked to stock groups.
-- `default = true`: a colour scheme or the user's own :highlight wins.
function M.set_highlights()
  local links = {
    ['@lsp.type.person'] = 'Identifier',
    ['@lsp.type.country'] = 'Type',
    ['@lsp.type.demonym'] = 'Constant',
    ['@lsp.type.date'] = 'Number',
    ['@lsp.mod.suggested'] = 'DiagnosticUnderlineHint',
    ['@lsp.mod.manual'] = 'Underlined',
  }
  for group, target in pairs(links) do
    vim.api.nvim_set_hl(0, group, { link = target, default = true })
  end
  vim.api.nvim_set_hl(0, '@lsp.mod.accepted', { bold = true, default = true })
  vim.api.nvim_set_hl(0, '@lsp.mod.rejected', { strikethrough = true, default = true })
end

local function notify(msg, level) vim.notify('gazette: ' .. msg, level or vim.log.levels.INFO) end

--- The gazette client attached to `bufnr` (or nil, with a message).
function M.client(bufnr)
  local c = vim.lsp.get_clients({ bufnr = bufnr or 0, name = 'gazette' })[1]
  if not c then notify('no gazette server attached to this buffer', vim.log.levels.ERROR) end
  return c
end

local function before(a, b) return a.line < b.line or (a.line == b.line and a.character <= b.character) end

--- Entities of the buffer from `gazette/entities` (synchronous), or nil, err.
function M.entities(bufnr, timeout_ms)
  if not bufnr or bufnr == 0 then bufnr = vim.api.nvim_get_current_buf() end
  local c = M.client(bufnr)
  if not c then return nil, 'no client' end
  local res, err = c:request_sync('gazette/entities', { textDocument = vim.lsp.util.make_text_document_params(bufnr) },
    timeout_ms or 3000, bufnr)
  if not res then return nil, err end
  if res.err then return nil, res.err.message end
  return (res.result or {}).entities or {}
end

-- The range a review command acts on: the visual selection when the command had a range,
-- else the entity under the cursor, else the empty range at the cursor.
local function target(opts, bufnr, c)
  local enc = c.offset_encoding
  if opts and opts.range and opts.range > 0 then
    local s, e = vim.api.nvim_buf_get_mark(bufnr, '<'), vim.api.nvim_buf_get_mark(bufnr, '>')
    if opts.line1 ~= s[1] or opts.line2 ~= e[1] then -- :N,MGazette... typed by hand: whole lines
      s = { opts.line1, 0 }
      e = { opts.line2, math.max(0, #vim.fn.getline(opts.line2) - 1) }
    end
    local last = #(vim.api.nvim_buf_get_lines(bufnr, e[1] - 1, e[1], false)[1] or '')
    e = { e[1], math.max(0, math.min(e[2], last - 1)) } -- linewise selections end at v:maxcol
    return vim.lsp.util.make_given_range_params(s, e, bufnr, enc).range
  end
  local p = vim.lsp.util.make_position_params(0, enc).position
  for _, ent in ipairs(M.entities(bufnr) or {}) do
    if before(ent.range.start, p) and before(p, ent.range['end']) then return ent.range, ent end
  end
  return { start = p, ['end'] = p }
end

--- Run a review command (`gazette.accept`, ...) on the selection / entity at the cursor.
--- extra: fields merged into the argument ({ label = ..., id = ..., note = ... }).
function M.review(command, extra, opts, on_done)
  local bufnr = vim.api.nvim_get_current_buf()
  local c = M.client(bufnr)
  if not c then return end
  local provider = c.server_capabilities.executeCommandProvider
  local known = type(provider) == 'table' and provider.commands or {}
  if not vim.list_contains(known, command) then
    notify(('the server does not offer %s (its commands: %s)'):format(command, table.concat(known, ', ')),
      vim.log.levels.WARN)
    return
  end
  local range = target(opts, bufnr, c)
  local arg = vim.tbl_extend('force', { uri = vim.uri_from_bufnr(bufnr), range = range }, extra or {})
  c:request('workspace/executeCommand', { command = command, arguments = { arg } }, function(err)
    if err then
      notify(command .. ': ' .. err.message, vim.log.levels.ERROR)
    end
    if on_done then on_done(err) end
  end, bufnr)
end

--- :GazetteEntities: the buffer's entities in the quickfix list.
function M.entities_to_qf(bufnr)
  bufnr = (bufnr and bufnr ~= 0) and bufnr or vim.api.nvim_get_current_buf()
  local ents, err = M.entities(bufnr)
  if not ents then return notify('gazette/entities failed: ' .. tostring(err), vim.log.levels.ERROR) end
  local c = M.client(bufnr)
  local items = {}
  for _, e in ipairs(ents) do
    local line = vim.api.nvim_buf_get_lines(bufnr, e.range.start.line, e.range.start.line + 1, false)[1] or ''
    local col = vim.str_byteindex(line, c.offset_encoding, e.range.start.character, false)
    local extra = e.canonical or e.value
    items[#items + 1] = {
      bufnr = bufnr, lnum = e.range.start.line + 1, col = col + 1,
      text = ('%s %s%s%s'):format(e.label, e.text, extra and extra ~= e.text and (' → ' .. extra) or '',
        e.status and (' [' .. e.status .. ']') or ''),
    }
  end
  vim.fn.setqflist({}, ' ', { title = 'gazette entities', items = items })
  return items
end

local function summary(ents)
  local done = 0
  for _, e in ipairs(ents) do
    if e.status == 'accepted' or e.status == 'rejected' or e.status == 'manual' then done = done + 1 end
  end
  return ('%d entities, %d%% reviewed'):format(#ents, #ents > 0 and math.floor(100 * done / #ents + 0.5) or 0)
end

--- "4 entities, 25% reviewed" for the buffer, asked now (synchronous).
function M.status(bufnr)
  local ents = M.entities(bufnr or 0, 500)
  return ents and summary(ents) or ''
end

--- The same, cached in vim.b.gazette_status and refreshed whenever gazette publishes
--- diagnostics for the buffer: cheap enough for 'statusline':
---   vim.o.statusline = '%f %= %{v:lua.require("gazette").statusline()} %l:%c'
function M.statusline()
  return vim.b.gazette_status or ''
end

local function refresh_status(bufnr)
  local c = vim.lsp.get_clients({ bufnr = bufnr, name = 'gazette' })[1]
  if not c then return end
  c:request('gazette/entities', { textDocument = vim.lsp.util.make_text_document_params(bufnr) }, function(err, res)
    if err or not res or not vim.api.nvim_buf_is_valid(bufnr) then return end
    vim.b[bufnr].gazette_status = summary(res.entities or {})
    vim.cmd.redrawstatus()
  end, bufnr)
end

vim.api.nvim_create_autocmd('DiagnosticChanged', {
  group = vim.api.nvim_create_augroup('gazette_status', { clear = true }),
  callback = function(ev)
    if #vim.lsp.get_clients({ bufnr = ev.buf, name = 'gazette' }) > 0 then refresh_status(ev.buf) end
  end,
})

--- The link argument: the server wants `reference` (brat "DB:ID", e.g. `Wikidata:Q7747`);
--- a gazette KB id such as `country:cg` becomes `gazette:country:cg`. `id` is sent as well.
function M.link_arg(id)
  local reference = id
  if id:match('^country:') or id:match('^person:') then reference = 'gazette:' .. id end
  return { id = id, reference = reference }
end

local function ask(prompt, cb)
  vim.ui.input({ prompt = prompt }, function(v) if v and v ~= '' then cb(v) end end)
end

--- Define the :Gazette* user commands (plugin/gazette.lua calls this).
function M.create_commands()
  local cmd = vim.api.nvim_create_user_command
  local complete_labels = function(lead)
    return vim.tbl_filter(function(l) return l:find(lead:upper(), 1, true) == 1 end, M.labels)
  end
  cmd('GazetteAccept', function(o) M.review('gazette.accept', nil, o) end,
    { range = true, desc = 'gazette: accept the entity under the cursor' })
  cmd('GazetteReject', function(o) M.review('gazette.reject', nil, o) end,
    { range = true, desc = 'gazette: reject the entity under the cursor' })
  cmd('GazetteAcceptAll', function(o) M.review('gazette.acceptAllOfEntity', nil, o) end,
    { range = true, desc = 'gazette: accept every mention of the entity under the cursor' })
  cmd('GazetteUntag', function(o) M.review('gazette.removeTag', nil, o) end,
    { range = true, desc = 'gazette: remove the reviewer tag under the cursor' })
  cmd('GazetteRelabel', function(o) M.review('gazette.relabel', { label = o.args:upper() }, o) end,
    { nargs = 1, range = true, complete = complete_labels, desc = 'gazette: relabel the entity under the cursor' })
  cmd('GazetteTag', function(o)
    if o.range == 0 then return notify('select the text first, then :\'<,\'>GazetteTag LABEL', vim.log.levels.WARN) end
    M.review('gazette.tagSelection', { label = o.args:upper() }, o)
  end, { nargs = 1, range = true, complete = complete_labels, desc = 'gazette: tag the selection as LABEL' })
  cmd('GazetteLink', function(o)
    if o.args ~= '' then return M.review('gazette.link', M.link_arg(o.args), o) end
    ask('KB id (country:cd, Wikidata:Q974): ', function(id) M.review('gazette.link', M.link_arg(id), o) end)
  end, { nargs = '?', range = true, desc = 'gazette: link the entity under the cursor to a KB id' })
  cmd('GazetteNote', function(o)
    if o.args ~= '' then return M.review('gazette.addNote', { note = o.args }, o) end
    ask('Note: ', function(note) M.review('gazette.addNote', { note = note }, o) end)
  end, { nargs = '*', range = true, desc = 'gazette: attach a note to the entity under the cursor' })
  cmd('GazetteEntities', function() M.entities_to_qf(0); vim.cmd.copen() end,
    { desc = 'gazette: list the entities of this buffer in the quickfix list' })
  cmd('GazetteStatus', function() notify(M.status(0)) end,
    { desc = 'gazette: entity count and reviewed share of this buffer' })
end

return M
