-- The load run's mix (scripts/load-test): the hot comparison page, random comparisons, tool pages,
-- searches, API reads and ship/skip votes as signed voters from random addresses. Each answer is
-- tallied by its class of status; `done` prints the tallies for load_run.py to check.
package.path = package.path .. ";" .. os.getenv("BENCH_LUA") .. "/?.lua"
local lines = require("lines")
local tools, terms, voters, hot
-- Globals, not locals: `done` reads them from each thread's state.
answered_2xx, answered_3xx, answered_4xx, answered_429, answered_5xx = 0, 0, 0, 0, 0
setup = lines.setup

function init(args)
    lines.seed()
    local inputs = os.getenv("BENCH_INPUTS")
    tools = lines.read(inputs .. "/tools.txt")
    terms = lines.read(inputs .. "/search-terms.txt")
    hot = lines.read(inputs .. "/hot-pair.txt")[1]
    voters = {}
    for _, line in ipairs(lines.read(inputs .. "/voters.txt")) do
        local cookie, csrf = line:match("^([^\t]+)\t(.+)$")
        voters[#voters + 1] = { cookie = cookie, csrf = csrf }
    end
end

local function tool() return tools[math.random(#tools)] end

function request()
    local roll = math.random(100)
    if roll <= 35 then
        return wrk.format("GET", hot)
    elseif roll <= 50 then
        local a, b = tool(), tool()
        while a == b do b = tool() end
        if b < a then a, b = b, a end
        return wrk.format("GET", "/compare/" .. a .. "-vs-" .. b)
    elseif roll <= 65 then
        return wrk.format("GET", "/tools/" .. tool())
    elseif roll <= 75 then
        return wrk.format("GET", "/search?q=" .. terms[math.random(#terms)])
    elseif roll <= 88 then
        return wrk.format("GET", "/api/v1/tools/" .. tool())
    end
    local voter = voters[math.random(#voters)]
    local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
    return wrk.format("POST", "/tools/" .. tool() .. "/vote", {
        ["Cookie"] = "verdicts_voter=" .. voter.cookie,
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Forwarded-For"] = address,
    }, "choice=" .. (math.random(2) == 1 and "ship" or "skip") .. "&csrf=" .. voter.csrf)
end

function response(status, headers, body)
    if status >= 500 then answered_5xx = answered_5xx + 1
    elseif status == 429 then answered_429 = answered_429 + 1
    elseif status >= 400 then answered_4xx = answered_4xx + 1
    elseif status >= 300 then answered_3xx = answered_3xx + 1
    else answered_2xx = answered_2xx + 1 end
end

function done(summary, latency, requests)
    local totals = { answered_2xx = 0, answered_3xx = 0, answered_4xx = 0, answered_429 = 0, answered_5xx = 0 }
    for _, thread in ipairs(lines.threads) do
        for name, _ in pairs(totals) do totals[name] = totals[name] + thread:get(name) end
    end
    for _, name in ipairs({ "answered_2xx", "answered_3xx", "answered_4xx", "answered_429", "answered_5xx" }) do
        io.write(string.format("%s: %d\n", name, totals[name]))
    end
end
