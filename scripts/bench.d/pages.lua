-- Random pages of the synthetic catalog; BENCH_PAGES says which:
--   compare  two different tools in the canonical order (the lower slug first; the other order
--            answers 301), so almost every request misses the page cache
--   tool     one tool's page
--   search   a search for a term that occurs in the synthetic names and taglines
package.path = package.path .. ";" .. os.getenv("BENCH_LUA") .. "/?.lua"
local lines = require("lines")
setup = lines.setup
local kind = os.getenv("BENCH_PAGES")
local list

function init(args)
    lines.seed()
    list = lines.read(os.getenv("BENCH_INPUTS") .. (kind == "search" and "/search-terms.txt" or "/tools.txt"))
end

local function pick() return list[math.random(#list)] end

function request()
    if kind == "compare" then
        local a, b = pick(), pick()
        while a == b do b = pick() end
        if b < a then a, b = b, a end
        return wrk.format("GET", "/compare/" .. a .. "-vs-" .. b)
    elseif kind == "tool" then
        return wrk.format("GET", "/tools/" .. pick())
    end
    return wrk.format("GET", "/search?q=" .. pick())
end
