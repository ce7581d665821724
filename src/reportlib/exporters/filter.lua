-- Pandoc filter for notebook Markdown on its way to Typst.
-- Notebook outputs carry raw HTML (pandas tables) and images named by their MIME type;
-- this reads the HTML as HTML (tables become real tables) and drops what has no meaning
-- on paper (style and script blocks, placeholder captions such as "png").

local placeholder = { png = true, svg = true, jpeg = true, jpg = true, ["svg+xml"] = true, pdf = true,
  ["No description has been provided for this image"] = true }

local function strip(html)
  html = html:gsub("<style.-</style>", "")
  html = html:gsub("<script.-</script>", "")
  return html
end

-- Columns pandoc leaves at "default" alignment would inherit the centring of the table's
-- wrapper in Typst; text columns read better flush left.
function Table(t)
  for i, spec in ipairs(t.colspecs) do
    if spec[1] == "AlignDefault" then
      t.colspecs[i] = { "AlignLeft", spec[2] }
    end
  end
  return t
end

function RawBlock(el)
  if el.format:match("html") then
    local html = strip(el.text)
    if html:match("^%s*$") then
      return {}
    end
    return pandoc.read(html, "html").blocks:walk({ Table = Table })
  end
end

function RawInline(el)
  if el.format:match("html") then
    return {}
  end
end

local function is_output_image(img)
  return img.src:match("output_%d+_%d+") ~= nil
end

function Image(img)
  if is_output_image(img) and img.attributes.width == nil then
    img.attributes.width = "100%"
  end
  local alt = pandoc.utils.stringify(img.caption)
  if placeholder[alt] then
    img.caption = {}
  end
  return img
end

local function typst_string(text)
  return '"' .. text:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

local function typst_inlines(inlines)
  local doc = pandoc.Pandoc({ pandoc.Plain(inlines) })
  return (pandoc.write(doc, "typst"):gsub("%s+$", ""))
end

function Figure(fig)
  local caption = pandoc.utils.stringify(fig.caption.long)
  local img = nil
  pandoc.walk_block(pandoc.Div(fig.content), { Image = function(i) img = i end })
  if img and img.attributes.alt and not placeholder[caption] then
    -- pandoc's Typst writer drops alt text: write the figure ourselves
    local inlines = pandoc.utils.blocks_to_inlines(fig.caption.long)
    local code = "#figure(image(" .. typst_string(img.src) .. ", width: 100%, alt: "
      .. typst_string(img.attributes.alt) .. "), caption: [" .. typst_inlines(inlines) .. "])"
    return pandoc.RawBlock("typst", code)
  end
  if placeholder[caption] then
    -- an output image with no caption of its own: keep the image, lose the caption
    return pandoc.walk_block(pandoc.Div(fig.content), { Image = Image })
  end
end

-- A Div of class "keybox" (key judgments) becomes a shaded block ruled on the left, as
-- in the HTML report and JupyterLab; a "mathjax_ignore" Div (a marker for JupyterLab's
-- typesetter around prose with currency signs) is only a wrapper: keep its content.
function Div(el)
  if el.classes:includes("keybox") then
    local out = { pandoc.RawBlock("typst",
      '#block(fill: rgb("#eef2f7"), stroke: (left: 3pt + rgb("#0072b2")), '
      .. 'inset: (x: 10pt, y: 8pt), width: 100%)[') }
    for _, b in ipairs(el.content) do table.insert(out, b) end
    table.insert(out, pandoc.RawBlock("typst", "]"))
    return out
  end
  if el.classes:includes("mathjax_ignore") then
    return el.content
  end
end
