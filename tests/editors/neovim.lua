-- A real editor as the client: Neovim (0.7's vim.lsp.start_client) runs
-- `journeymap lsp` on a broken map and checks what a user would see.
-- Run by scripts/test-neovim; exits 0 when every check passes.

local bin = os.getenv("JOURNEYMAP")
local map = os.getenv("MAP")
local failures = 0

local function check(ok, what)
  if ok then
    io.stderr:write("ok: " .. what .. "\n")
  else
    io.stderr:write("FAILED: " .. what .. "\n")
    failures = failures + 1
  end
end

local function line_of(needle)
  for number, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    local column = line:find(needle, 1, true)
    if column then
      return number - 1, column - 1
    end
  end
  return nil, nil
end

vim.cmd("edit " .. map)
local buffer = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "journeymap",
  cmd = { bin, "lsp", "--no-config" },
  root_dir = vim.fn.fnamemodify(map, ":h"),
})
check(client_id ~= nil, "the server starts")
vim.lsp.buf_attach_client(buffer, client_id)

-- Diagnostics arrive, with the rule and the line of the broken reference.
local arrived = vim.wait(20000, function()
  return #vim.diagnostic.get(buffer) > 0
end, 50)
check(arrived, "diagnostics arrive")
local broken_line = line_of("stage: decisoin")
local found = false
for _, d in ipairs(vim.diagnostic.get(buffer)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  if code == "unknown-reference" and d.lnum == broken_line then
    found = true
  end
end
check(found, "unknown-reference on line " .. tostring((broken_line or -1) + 1))

-- Go to definition lands on the definition.
local line, column = line_of("touchpoint: checkout")
local params = {
  textDocument = vim.lsp.util.make_text_document_params(buffer),
  position = { line = line, character = column + #"touchpoint: " + 1 },
}
local responses = vim.lsp.buf_request_sync(buffer, "textDocument/definition", params, 10000) or {}
local definition_line = line_of("id: checkout,")
local landed = false
for _, response in pairs(responses) do
  local result = response.result
  if result and result.range and result.range.start.line == definition_line then
    landed = true
  end
end
check(landed, "definition lands on line " .. tostring((definition_line or -1) + 1))

-- A rename changes every reference.
line, column = line_of("addresses: [slot-full]")
local rename = {
  textDocument = vim.lsp.util.make_text_document_params(buffer),
  position = { line = line, character = column + #"addresses: [" + 1 },
  newName = "evening-slots",
}
responses = vim.lsp.buf_request_sync(buffer, "textDocument/rename", rename, 10000) or {}
for _, response in pairs(responses) do
  if response.result then
    vim.lsp.util.apply_workspace_edit(response.result, "utf-16")
  end
end
local text = table.concat(vim.api.nvim_buf_get_lines(buffer, 0, -1, false), "\n")
local _, renamed = text:gsub("evening%-slots", "")
local _, left = text:gsub("slot%-full", "")
check(renamed == 2 and left == 0, "rename changed every reference (" .. renamed .. " new, " .. left .. " old)")

vim.lsp.stop_client(client_id, true)
if failures > 0 then
  vim.cmd("cquit 1")
else
  vim.cmd("qall!")
end
