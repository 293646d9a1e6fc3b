-- gazette.nvim: user commands and highlight links. The language server itself starts after
-- require('gazette').setup() (or vim.lsp.enable('gazette'), which uses lsp/gazette.lua).
if vim.g.loaded_gazette then return end
vim.g.loaded_gazette = true
if vim.fn.has('nvim-0.11') == 0 then
  vim.notify_once('gazette.nvim needs Neovim >= 0.11 (vim.lsp.config)', vim.log.levels.WARN)
  return
end
local gazette = require('gazette')
gazette.create_commands()
gazette.set_highlights()
vim.api.nvim_create_autocmd('ColorScheme', {
  group = vim.api.nvim_create_augroup('gazette_highlights', { clear = true }),
  callback = function() gazette.set_highlights() end,
})
