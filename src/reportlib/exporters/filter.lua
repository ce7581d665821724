-- Pandoc filter for notebook Markdown on its way to Typst.
--
-- Notebook outputs carry raw HTML (pandas tables) and images; this reads the HTML as HTML
-- (tables become real tables, <img> becomes an image), drops what has no meaning on paper
-- (style and script blocks, placeholder captions such as "png"), and makes sure nothing a
-- notebook holds can stop Typst: an image that cannot be found or read, or a link to a
-- label that does not exist, becomes a visible placeholder or plain text, and a warning.
--
-- Settings come from Python in a JSON file named by the REPORTLIB_FILTER environment
-- variable (a file: the names of a notebook's outputs can outgrow an environment variable):
--   outputs    the files extracted from the notebook (images Typst can read): each name
--              as the notebook's Markdown refers to it (a URL, decoded) -> the name Typst
--              reads it by (see files.py)
--   nbdir      the notebook's folder, where images linked from Markdown are looked up
--   files_dir  the folder (prefix) under which linked images are copied
-- Messages go back on stderr, one per line, tab-separated:
--   reportlib  warn  <cell>  <message>
--   reportlib  copy  {"path": <source path>, "name": <name>}   (JSON; Python copies the
--                    linked file there)
-- Every cell arrives in a fenced div of class rl-cell whose "cell" attribute names it.

local cfg = {}
do
  local file = os.getenv("REPORTLIB_FILTER")
  local handle = file and file ~= "" and io.open(file, "rb")
  if handle then
    cfg = pandoc.json.decode(handle:read("a"), false)
    handle:close()
  end
end
local outputs = cfg.outputs or {}
local taken = {}
for _, name in pairs(outputs) do taken[name] = true end
local nbdir = cfg.nbdir or "."
local files_dir = cfg.files_dir or ""

local cell = ""
local linked = {}   -- source path -> name, so a file linked twice is copied once
local nlinked = 0

local function warn(message)
  io.stderr:write("reportlib\twarn\t" .. cell .. "\t" .. message:gsub("[\t\n]", " ") .. "\n")
end

local placeholder_caption = { png = true, svg = true, jpeg = true, jpg = true, ["svg+xml"] = true,
  pdf = true, image = true, ["No description has been provided for this image"] = true }

local function typst_string(text)
  return '"' .. text:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub("\n", "\\n") .. '"'
end

local function typst_inlines(inlines)
  local doc = pandoc.Pandoc({ pandoc.Plain(inlines) })
  return (pandoc.write(doc, "typst"):gsub("%s+$", ""))
end

-- A framed note where something could not be shown.
local function placeholder_inline(text)
  return pandoc.RawInline("typst", "#rl-placeholder(" .. typst_string(text) .. ")")
end

-- Images ---------------------------------------------------------------------------------

local function sniff(head)
  if head:sub(1, 8) == "\137PNG\r\n\26\n" then return ".png" end
  if head:sub(1, 3) == "\255\216\255" then return ".jpg" end
  if head:sub(1, 4) == "GIF8" then return ".gif" end
  if head:sub(1, 4) == "RIFF" and head:sub(9, 12) == "WEBP" then return ".webp" end
  if head:sub(1, 4) == "%PDF" then return ".pdf" end
  if head:lower():find("<svg", 1, true) then return ".svg" end
  return nil
end

local function unescape_url(s)
  return (s:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))
end

-- The file a relative URL names: no query or fragment, percent-decoded once (nbconvert
-- and reportlib's preprocessors write paths as URLs; pandoc encodes spaces in them).
local function url_path(src)
  return unescape_url((src:gsub("[?#].*$", "")))
end

local function readable(path)
  local file = io.open(path, "rb")
  if not file then return nil end
  local head = file:read(4096) or ""
  file:close()
  return head
end

-- The name Typst reads an image by, or nil and why it cannot be shown.
local function resolve(src)
  local decoded = url_path(src)
  if outputs[decoded] then return outputs[decoded] end
  if outputs[src] then return outputs[src] end -- a path written as it stands
  if src:match("^data:") then return nil, "an embedded image that could not be read" end
  if src:match("^attachment%-not%-readable:") or src == "embedded-image-not-readable" then
    return nil, "its data could not be read"
  end
  if src:match("^attachment:") then return nil, "attachment " .. src:sub(12) .. " is missing" end
  if src:match("^%a[%w+.-]*:") and not src:match("^%a:[\\/]") then
    return nil, "a remote image (" .. src .. ") is not fetched"
  end
  -- a URL, as a browser reads it; else the path as it stands (a file named "100%.png")
  local path = pandoc.path.normalize(pandoc.path.join({ nbdir, decoded }))
  if not linked[path] and not readable(path) and decoded ~= src then
    local literal = pandoc.path.normalize(pandoc.path.join({ nbdir, src }))
    if linked[literal] or readable(literal) then path = literal end
  end
  if linked[path] then return linked[path] end
  local head = readable(path)
  if not head then return nil, "file not found: " .. decoded end
  local ext = sniff(head)
  if not ext then return nil, "not a readable image: " .. decoded end
  local name
  repeat
    nlinked = nlinked + 1
    name = files_dir .. "linked-" .. nlinked .. ext
  until not taken[name]
  taken[name] = true
  io.stderr:write("reportlib\tcopy\t" .. pandoc.json.encode({ path = path, name = name }) .. "\n")
  linked[path] = name
  return name
end

-- Typst code for an image: at most the text width, alt text kept (see report.typ).
local function image_code(name, alt, width)
  local args = typst_string(name)
  if alt and alt ~= "" then args = args .. ", alt: " .. typst_string(alt) end
  if width and width ~= "" then
    args = args .. ", width: " .. (width:match("^[%d.]+%%$") and width or typst_string(width))
  end
  return "rl-image(" .. args .. ")"
end

local function alt_of(img)
  local alt = img.attributes.alt
  if alt == nil or alt == "" then
    alt = pandoc.utils.stringify(img.caption)
  end
  if placeholder_caption[alt] then return "" end
  return alt
end

local function width_of(img)
  local w = img.attributes.width
  if w and w:match("^[%d.]+%%$") then return w end
  return nil
end

local function Image(img)
  local name, why = resolve(img.src)
  if not name then
    warn("image not shown: " .. why)
    return placeholder_inline("Image not shown: " .. why)
  end
  return pandoc.RawInline("typst", "#" .. image_code(name, alt_of(img), width_of(img)))
end

local function Figure(fig)
  local img = nil
  local count = 0
  pandoc.walk_block(pandoc.Div(fig.content), { Image = function(i) img = i; count = count + 1 end })
  if not img or count ~= 1 then return nil end
  local caption = pandoc.utils.stringify(fig.caption.long)
  local name, why = resolve(img.src)
  if not name then
    warn("image not shown: " .. why)
    local text = "Image not shown: " .. why
    if caption ~= "" and not placeholder_caption[caption] then text = text .. " (" .. caption .. ")" end
    return pandoc.Plain({ placeholder_inline(text) })
  end
  local code = image_code(name, alt_of(img), width_of(img))
  -- Only reportlib's charts are captioned figures; elsewhere an image alone in a
  -- paragraph shows no caption (as in Jupyter), its text kept as alt text.
  if placeholder_caption[caption] or caption == "" or not img.classes:includes("rl-chart") then
    return pandoc.RawBlock("typst", "#" .. code)
  end
  local inlines = pandoc.utils.blocks_to_inlines(fig.caption.long)
  return pandoc.RawBlock("typst", "#figure(" .. code .. ", caption: [" .. typst_inlines(inlines) .. "])")
end

-- Raw HTML -------------------------------------------------------------------------------

local function strip(html)
  html = html:gsub("<[Ss][Tt][Yy][Ll][Ee].-</[Ss][Tt][Yy][Ll][Ee]%s*>", "")
  html = html:gsub("<[Ss][Cc][Rr][Ii][Pp][Tt].-</[Ss][Cc][Rr][Ii][Pp][Tt]%s*>", "")
  return html
end

-- Columns pandoc leaves at "default" alignment would inherit the centring of the table's
-- wrapper in Typst; text columns read better flush left.
local function Table(t)
  for i, spec in ipairs(t.colspecs) do
    if spec[1] == "AlignDefault" then
      t.colspecs[i] = { "AlignLeft", spec[2] }
    end
  end
  return t
end

-- A table with no rows (an empty DataFrame) or no columns: pandoc would write Typst that
-- does not compile (``table.header(,)``); a note says what it was instead, and a warning.
local function row_count(t)
  local n = #t.head.rows + #t.foot.rows
  for _, body in ipairs(t.bodies) do n = n + #body.head + #body.body end
  return n
end

local function body_rows(t)
  local n = 0
  for _, body in ipairs(t.bodies) do n = n + #body.body end
  return n
end

local function EmptyTable(t)
  if #t.colspecs > 0 and row_count(t) > 0 and body_rows(t) > 0 then return nil end
  local names = {}
  for _, row in ipairs(t.head.rows) do
    for _, c in ipairs(row.cells) do
      local text = pandoc.utils.stringify(c.contents)
      if text ~= "" then table.insert(names, text) end
    end
  end
  local caption = pandoc.utils.stringify(t.caption.long)
  local text = "Table with no rows"
  if caption ~= "" then text = text .. ": " .. caption end
  if #names > 0 then text = text .. " (columns " .. table.concat(names, ", ") .. ")" end
  warn("a table with no rows: shown as a note")
  return pandoc.Plain({ placeholder_inline(text) })
end

local math_env = { equation = true, align = true, gather = true, multline = true,
  eqnarray = true, split = true, alignat = true, flalign = true, aligned = true }

local function RawBlock(el)
  if el.format:match("html") then
    local html = strip(el.text)
    if html:match("^%s*$") then return {} end
    return pandoc.read(html, "html").blocks:walk({ Table = Table })
  end
  if el.format == "latex" or el.format == "tex" then
    -- a LaTeX math environment (MathJax shows it in Jupyter): Typst math
    local env = el.text:match("^%s*\\begin{(%a+)%*?}")
    if env and math_env[env] then
      return pandoc.Para({ pandoc.Math("DisplayMath", el.text) })
    end
    if el.text:match("^%s*\\[%a]*command") or el.text:match("^%s*\\def") then
      return {} -- a macro definition: nothing to show
    end
    return pandoc.CodeBlock(el.text, { class = "latex" })
  end
  if el.format ~= "typst" then
    return {}
  end
end

local function RawInline(el)
  if el.format:match("html") then
    local tag = el.text:lower()
    if tag:match("^<img%s") then
      local blocks = pandoc.read(el.text, "html").blocks
      local out = {}
      pandoc.walk_block(pandoc.Div(blocks), { Image = function(i) table.insert(out, i) end })
      return out
    end
    if tag:match("^<br%s*/?>$") then return pandoc.LineBreak() end
    return {}
  end
  if el.format ~= "typst" then
    return {}
  end
end

-- Links ----------------------------------------------------------------------------------

local function squash(id)
  return (unescape_url(id):lower():gsub("%s", "-"):gsub("[^%w%-_]", ""))
end

local function collect_ids(doc)
  local ids, squashed = {}, {}
  local function note(el)
    if el.identifier and el.identifier ~= "" then
      ids[el.identifier] = true
      squashed[squash(el.identifier)] = squashed[squash(el.identifier)] or el.identifier
    end
  end
  -- only the elements that carry an identifier: a generic Block or Inline function would
  -- hand every word to Lua (most of the filter's time)
  doc:walk({ Header = note, Div = note, CodeBlock = note, Table = note, Figure = note,
    Span = note, Code = note, Link = note, Image = note })
  return ids, squashed
end

local function link_filter(ids, squashed)
  return function(link)
    if link.target:sub(1, 1) ~= "#" then return nil end
    local id = link.target:sub(2)
    if ids[id] then return nil end
    local match = squashed[squash(id)]
    if match then
      link.target = "#" .. match
      return link
    end
    warn("link to #" .. id .. " has no target in the document; shown as text")
    return link.content
  end
end

-- Blocks ---------------------------------------------------------------------------------

-- A Div of class "finding" (a brief's finding under its title) is set large and bold.
-- A Div of class "keybox" (key judgments) becomes a shaded block ruled on the left, as
-- in the HTML report and JupyterLab; a "mathjax_ignore" Div (a marker for JupyterLab's
-- typesetter around prose with currency signs) is only a wrapper: keep its content; one of
-- class "rl-placeholder" (made by Python) a framed note.
local function Div(el)
  if el.classes:includes("keybox") then
    local out = { pandoc.RawBlock("typst",
      '#block(fill: rgb("#eef2f7"), stroke: (left: 3pt + rgb("#0072b2")), '
      .. 'inset: (x: 10pt, y: 8pt), width: 100%)[') }
    for _, b in ipairs(el.content) do table.insert(out, b) end
    table.insert(out, pandoc.RawBlock("typst", "]"))
    return out
  end
  if el.classes:includes("finding") then
    -- a brief's finding under its title: the deck, larger and bold
    local out = { pandoc.RawBlock("typst",
      '#block(width: 100%, above: 0.4em, below: 0.7em)[#set text(size: 12.5pt, weight: "bold", fill: rgb("#1f3b57"))\n#set par(leading: 0.45em, justify: false)') }
    for _, b in ipairs(el.content) do table.insert(out, b) end
    table.insert(out, pandoc.RawBlock("typst", "]"))
    return out
  end
  if el.classes:includes("references") then
    -- a source list, in smaller type, as references are
    local out = { pandoc.RawBlock("typst", "#block(width: 100%)[#set text(size: 8pt)\n#set par(leading: 0.5em, spacing: 0.6em)") }
    for _, b in ipairs(el.content) do table.insert(out, b) end
    table.insert(out, pandoc.RawBlock("typst", "]"))
    return out
  end
  if el.classes:includes("mathjax_ignore") then
    return el.content
  end
  if el.classes:includes("rl-placeholder") then
    return pandoc.Plain({ placeholder_inline(pandoc.utils.stringify(el.content)) })
  end
end

function Pandoc(doc)
  -- 1. raw HTML becomes pandoc elements (tables, images), everywhere
  doc = doc:walk({ RawBlock = RawBlock, RawInline = RawInline, Table = Table })
  local ids, squashed = collect_ids(doc)
  -- 2. per cell, top down (a figure before the image inside it): images, figures, links
  -- and divs, so a warning can name the cell
  local per_cell = {
    traverse = "topdown",
    Figure = function(fig)
      local out = Figure(fig)
      if out then return out, false end
    end,
    Image = Image,
    Link = link_filter(ids, squashed),
    Div = Div,
    Table = function(t)
      local out = EmptyTable(t)
      if out then return out, false end
    end,
  }
  local blocks = {}
  for _, block in ipairs(doc.blocks) do
    local content = { block }
    if block.t == "Div" and block.classes:includes("rl-cell") then
      cell = block.attributes.cell or ""
      content = block.content
    else
      cell = ""
    end
    for _, b in ipairs(pandoc.Blocks(content):walk(per_cell)) do table.insert(blocks, b) end
  end
  doc.blocks = blocks
  return doc
end
