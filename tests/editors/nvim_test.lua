-- Headless Neovim (>= 0.11) test of editors/nvim against a gazette binary.
-- Run through tests/editors/run-nvim.sh, or:
--   GAZETTE_BIN=/abs/gazette TEST_FILE=/tmp/ws/article.txt PLUGIN_DIR=editors/nvim \
--     nvim --headless --clean -l tests/editors/nvim_test.lua
-- Checks: the plugin's setup() starts the server on a .txt article; an `ambiguous-entity`
-- diagnostic (source gazette) on "Congo"; hover on "Russia"; :checkhealth gazette;
-- `gazette/entities` + :GazetteEntities; an Accept code action, :GazetteReject and
-- :'<,'>GazetteTag writing article.ann. Parts the server does not offer yet print "SKIP: ...".
-- Exit 0 = pass. Env: EXPECT_HOVER (default "Official name: Russian Federation"),
-- TEST_TIMEOUT_MS (per step, default 15000). A check the server cannot serve (no review commands,
-- no semantic tokens...) fails the test; ALLOW_SKIP=1 turns it into a printed SKIP (older servers,
-- fake-gazette.js).
local env = os.getenv
local bin = assert(env('GAZETTE_BIN'), 'set GAZETTE_BIN')
local file = assert(env('TEST_FILE'), 'set TEST_FILE')
local plugin_dir = assert(env('PLUGIN_DIR'), 'set PLUGIN_DIR')
local expect_hover = env('EXPECT_HOVER') or 'Official name: Russian Federation'
local timeout = tonumber(env('TEST_TIMEOUT_MS') or '15000')
local allow_skip = env('ALLOW_SKIP') == '1'
local t0 = vim.uv.hrtime()
local function ms() return math.floor((vim.uv.hrtime() - t0) / 1e6) end
local function say(s) io.stdout:write(('[%5d ms] %s\n'):format(ms(), s)) end -- print() under -l drops the last newline
local function fail(msg)
  say('FAIL: ' .. msg)
  say('LSP log: ' .. vim.lsp.get_log_path())
  os.exit(1)
end
local skips = {}
local function skip(msg)
  if not allow_skip then fail(msg .. ' (ALLOW_SKIP=1 to skip)') end
  skips[#skips + 1] = msg
  say('SKIP: ' .. msg)
end
-- Headless: never block on a menu; take the first item.
vim.ui.select = function(items, _, on_choice) on_choice(items[1], 1) end

vim.cmd('filetype plugin on')
vim.lsp.log.set_level(vim.log.levels.WARN)
vim.opt.rtp:prepend(plugin_dir)
vim.cmd.runtime('plugin/gazette.lua')
local gazette = require('gazette')
gazette.setup({ cmd = { bin, 'lsp' }, settings = { gazette = { documentDate = '2025-03-14' } } })

vim.cmd.edit(vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
say(('file=%s filetype=%s bin=%s'):format(file, vim.bo[buf].filetype, bin))

-- 1. The server attaches.
local client
if not vim.wait(timeout, function()
  client = vim.lsp.get_clients({ bufnr = buf, name = 'gazette' })[1]
  return client ~= nil and client.initialized
end, 20) then fail('gazette did not attach (filetype=' .. vim.bo[buf].filetype .. ')') end
local info = client.server_info or {}
say(('attached: %s %s root=%s encoding=%s'):format(tostring(info.name), tostring(info.version),
  tostring(client.root_dir), client.offset_encoding))

-- 2. Diagnostics: ambiguous "Congo".
local diags, hit
if not vim.wait(timeout, function()
  diags = vim.diagnostic.get(buf)
  for _, d in ipairs(diags) do
    if d.source == 'gazette' and d.code == 'ambiguous-entity' and d.message:find('Congo', 1, true) then hit = d; return true end
  end
  return false
end, 20) then fail(('no gazette ambiguous-entity diagnostic on Congo (got %d: %s)'):format(#diags, vim.inspect(diags))) end
for _, d in ipairs(diags) do
  say(('diagnostic %d:%d %s [%s] %s: %s'):format(d.lnum + 1, d.col + 1, vim.diagnostic.severity[d.severity],
    tostring(d.source), tostring(d.code), d.message))
end
local word_at = vim.api.nvim_buf_get_text(buf, hit.lnum, hit.col, hit.end_lnum, hit.end_col, {})[1]
if word_at ~= 'Congo' then fail('diagnostic range covers ' .. vim.inspect(word_at) .. ', not "Congo"') end

local function cursor_on(word)
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  local pos = vim.fn.searchpos('\\V\\<' .. word .. '\\>', 'cW')
  if pos[1] == 0 then fail('word not in file: ' .. word) end
  vim.api.nvim_win_set_cursor(0, { pos[1], pos[2] - 1 })
  return pos
end

-- 3. Hover on Russia.
local pos = cursor_on('Russia')
local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, timeout)
local hover = ''
for _, r in pairs(res or {}) do
  if r.err then fail('hover error: ' .. vim.inspect(r.err)) end
  local c = r.result and r.result.contents
  if c then hover = hover .. table.concat(vim.lsp.util.convert_input_to_markdown_lines(c), '\n') end
end
say(('hover at %d:%d: %s'):format(pos[1], pos[2], hover:gsub('\n', '\\n')))
if not hover:find(expect_hover, 1, true) then fail(('hover lacks %q'):format(expect_hover)) end

-- 3b. Semantic token on Russia, highlighted through the plugin's @lsp.type.country link.
if client.server_capabilities.semanticTokensProvider then
  local tok
  if not vim.wait(timeout, function()
    for _, t in ipairs(vim.lsp.semantic_tokens.get_at_pos(buf, pos[1] - 1, pos[2] - 1) or {}) do
      if t.type == 'country' then tok = t; return true end
    end
    return false
  end, 20) then fail('no semantic token of type country on Russia') end
  local mods = vim.tbl_keys(tok.modifiers or {})
  local hl = vim.api.nvim_get_hl(0, { name = '@lsp.type.country' })
  say(('semantic token on Russia: type=%s modifiers=%s; @lsp.type.country -> %s'):format(tok.type,
    table.concat(mods, ','), tostring(hl.link)))
  if hl.link ~= 'Type' then fail('@lsp.type.country is not linked to Type') end
else
  skip('server has no semantic tokens')
end

-- 3c. Go to definition on Russia lands in a knowledge-base file on a line naming it.
if client.server_capabilities.definitionProvider then
  cursor_on('Russia')
  vim.lsp.buf.definition()
  local ok = vim.wait(timeout, function() return vim.api.nvim_get_current_buf() ~= buf end, 20)
  if not ok then fail('definition did not open another buffer') end
  local line = vim.api.nvim_get_current_line()
  say(('definition: %s:%d: %s'):format(vim.api.nvim_buf_get_name(0), vim.fn.line('.'), line))
  if not line:find('Russia', 1, true) then fail('definition line does not name Russia') end
  vim.wait(300, function() return #vim.lsp.get_clients({ bufnr = 0, name = 'gazette' }) > 0 end, 20)
  if #vim.lsp.get_clients({ bufnr = 0, name = 'gazette' }) > 0 then fail('gazette attached to the KB file') end
  vim.cmd('buffer ' .. buf)
else
  skip('server has no definition')
end

-- 3d. Settings reach the server: ambiguous-entity as a warning via didChangeConfiguration.
gazette.update_settings({ gazette = { severity = { ['ambiguous-entity'] = 'warning' } } })
if not vim.wait(timeout, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'ambiguous-entity' and d.severity == vim.diagnostic.severity.WARN then return true end
  end
  return false
end, 20) then fail('gazette.severity {ambiguous-entity = warning} did not turn the diagnostic into a warning') end
say('settings: severity ambiguous-entity=warning applied (diagnostic is now WARN)')

-- 3e. Inlay hints (enabled by setup()): the resolved value of "14 March 2025".
if client.server_capabilities.inlayHintProvider then
  local label
  if not vim.wait(timeout, function()
    for _, h in ipairs(vim.lsp.inlay_hint.get({ bufnr = buf }) or {}) do
      local l = h.inlay_hint.label
      l = type(l) == 'table' and table.concat(vim.tbl_map(function(p) return p.value end, l)) or l
      if l:find('2025-03-14', 1, true) then label = l; return true end
    end
    return false
  end, 20) then fail('no inlay hint with 2025-03-14 (enabled=' .. tostring(vim.lsp.inlay_hint.is_enabled({ bufnr = buf })) .. ')') end
  say(('inlay hint: %q'):format(label))
else
  skip('server has no inlay hints')
end

-- 4. :checkhealth gazette
vim.cmd('checkhealth gazette')
local report = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
vim.cmd('bwipeout!')
vim.api.nvim_set_current_buf(buf)
for line in report:gmatch('[^\n]+') do
  if line:find('OK') or line:find('ERROR') or line:find('WARNING') then say('health: ' .. vim.trim(line)) end
end
if report:find('ERROR') or not report:find('server starts and answers initialize', 1, true)
  or not report:find('knowledge base loaded', 1, true) then
  fail('checkhealth gazette reports a problem:\n' .. report)
end

-- 5. gazette/entities and :GazetteEntities
local ents, err = gazette.entities(buf, timeout)
if not ents then
  skip('gazette/entities: ' .. tostring(err))
else
  local seen = {}
  for _, e in ipairs(ents) do seen[e.text] = e.label end
  say(('gazette/entities: %d entities (%s)'):format(#ents, vim.inspect(seen, { newline = ' ', indent = '' })))
  if seen.Russia ~= 'COUNTRY' or seen.Iranian ~= 'DEMONYM' or seen.Congo ~= 'COUNTRY' then
    fail('gazette/entities lacks Russia/Iranian/Congo with the right labels')
  end
  vim.cmd('GazetteEntities')
  local qf = vim.fn.getqflist()
  vim.cmd('cclose')
  vim.api.nvim_set_current_buf(buf)
  if #qf ~= #ents then fail(('quickfix has %d items, entities %d'):format(#qf, #ents)) end
  if not vim.wait(timeout, function() return (gazette.statusline() or '') ~= '' end, 20) then
    fail('statusline() stayed empty')
  end
  say('statusline(): ' .. gazette.statusline())
  say(('quickfix[1]: %d:%d %s'):format(qf[1].lnum, qf[1].col, qf[1].text))
end

-- 6. Review: Accept code action, :GazetteReject, :'<,'>GazetteTag, each checked in article.ann.
local ann_path = file:gsub('%.[^.]+$', '') .. '.ann'
local function ann() local f = io.open(ann_path); if not f then return '' end; local s = f:read('a'); f:close(); return s end
-- code-point offsets of the first whole-word occurrence (the fixture is ASCII)
local function span(word)
  local s = text:find('%f[%w]' .. word .. '%f[%W]')
  return s - 1, s - 1 + #word
end
local function wait_ann(label, word, status)
  local s, e = span(word)
  local tline = ('\t%s %d %d\t%s'):format(label, s, e, word)
  local ok = vim.wait(timeout, function()
    local body = ann()
    local tid = body:match('(T%d+)' .. vim.pesc(tline))
    if not tid then return false end
    return not status or body:find('\tStatus ' .. tid .. ' ' .. status, 1, true) ~= nil
  end, 20)
  if not ok then fail(('%s lacks %q%s:\n%s'):format(ann_path, tline, status and (' with ' .. status) or '', ann())) end
  say(('article.ann has %s %d-%d %s%s'):format(label, s, e, word, status and (' ' .. status) or ''))
end
local ec = client.server_capabilities.executeCommandProvider
local cmds = type(ec) == 'table' and ec.commands or {}
if not vim.list_contains(cmds, 'gazette.accept') then
  skip('server has no review actions yet (executeCommandProvider: ' .. vim.inspect(cmds) .. ')')
else
  -- Accept via the code-action menu, as a user would with vim.lsp.buf.code_action().
  cursor_on('Russia')
  local titles = {}
  vim.lsp.buf.code_action({ apply = true, filter = function(a)
    titles[#titles + 1] = a.title
    local t = a.title:lower()
    return t:find('accept', 1, true) ~= nil and not t:find('all', 1, true)
  end })
  wait_ann('COUNTRY', 'Russia', 'Accepted')
  say('code actions on Russia: ' .. table.concat(titles, ' | '))
  cursor_on('Iranian')
  vim.cmd('GazetteReject')
  wait_ann('DEMONYM', 'Iranian', 'Rejected')
  -- Visual selection of "Friday" -> :'<,'>GazetteTag DATE
  local p = cursor_on('Friday')
  vim.api.nvim_buf_set_mark(buf, '<', p[1], p[2] - 1, {})
  vim.api.nvim_buf_set_mark(buf, '>', p[1], p[2] - 1 + #'Friday' - 1, {})
  vim.cmd(("%d,%dGazetteTag DATE"):format(p[1], p[1]))
  wait_ann('DATE', 'Friday', nil)
  -- :GazetteLink / :GazetteNote / :GazetteRelabel on Congo (the ambiguous one)
  local function wait_line(pat, what)
    if not vim.wait(timeout, function() return ann():find(pat) ~= nil end, 20) then
      fail(('%s: no line matching %q in %s:\n%s'):format(what, pat, ann_path, ann()))
    end
    say(what .. ': ' .. ann():match('[^\n]*' .. pat .. '[^\n]*'))
  end
  cursor_on('Congo')
  vim.cmd('GazetteLink country:cg')
  wait_line('Reference T%d+ gazette:country:cg', ':GazetteLink country:cg')
  vim.cmd('GazetteNote the Brazzaville delegation')
  wait_line('AnnotatorNotes T%d+\tthe Brazzaville delegation', ':GazetteNote')
  cursor_on('Turkey')
  vim.cmd('GazetteRelabel person')
  local ts, te = span('Turkey')
  wait_line(('PERSON %d %d\tTurkey'):format(ts, te), ':GazetteRelabel person')
  if ents then
    local st = gazette.status(buf)
    say('status: ' .. st)
    if not st:find('reviewed') or st:find(' 0%% reviewed') then fail('status does not count the reviews: ' .. st) end
  end
  say('article.ann:\n' .. ann())
end

-- 7. Markdown: the same text as brief.md (with front matter; another name, so another .ann)
local md = vim.fs.joinpath(vim.fs.dirname(file), 'brief.md')
if vim.uv.fs_stat(md) then
  vim.cmd.edit(vim.fn.fnameescape(md))
  local mbuf = vim.api.nvim_get_current_buf()
  if not vim.wait(timeout, function()
    for _, d in ipairs(vim.diagnostic.get(mbuf)) do
      if d.code == 'ambiguous-entity' and d.message:find('Congo', 1, true) then return true end
    end
    return false
  end, 20) then fail('no ambiguous-entity diagnostic in ' .. md .. ' (filetype ' .. vim.bo[mbuf].filetype .. ')') end
  say(('markdown: %s filetype=%s, same client=%s, Congo diagnostic present'):format(vim.fn.fnamemodify(md, ':t'),
    vim.bo[mbuf].filetype, tostring(vim.lsp.get_clients({ bufnr = mbuf, name = 'gazette' })[1] == client)))
end

client:stop()
vim.wait(2000, function() return client:is_stopped() end, 20)
say(('PASS%s'):format(#skips > 0 and (' with ' .. #skips .. ' SKIP(s)') or ''))
os.exit(0)
