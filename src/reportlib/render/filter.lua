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

function RawBlock(el)
  if el.format:match("html") then
    local html = strip(el.text)
    if html:match("^%s*$") then
      return {}
    end
    return pandoc.read(html, "html").blocks
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

function Figure(fig)
  local caption = pandoc.utils.stringify(fig.caption.long)
  if placeholder[caption] then
    -- an output image with no caption of its own: keep the image, lose the caption
    return pandoc.walk_block(pandoc.Div(fig.content), { Image = Image })
  end
end
