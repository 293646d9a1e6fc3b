-- Default config for vim.lsp.enable('gazette') (Neovim >= 0.11 reads lsp/<name>.lua from
-- 'runtimepath'); require('gazette').setup(opts) overrides it.
return {
  cmd = { 'gazette', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { '.git' },
}
