-- Ship/skip votes on random tools, as the signed voters of voters.txt (cookie and CSRF token),
-- each from a random address, so the per-address limit (one crowd behind one address) stays out of
-- the way. A vote is acknowledged with 303; `done` prints how many were, for scripts/bench to
-- compare with the rows that reached the database.
package.path = package.path .. ";" .. os.getenv("BENCH_LUA") .. "/?.lua"
local lines = require("lines")
local tools, voters
-- Globals, not locals: `done` reads them from each thread's state.
acknowledged, refused = 0, 0
setup = lines.setup

function init(args)
    lines.seed()
    tools = lines.read(os.getenv("BENCH_INPUTS") .. "/tools.txt")
    voters = {}
    for _, line in ipairs(lines.read(os.getenv("BENCH_INPUTS") .. "/voters.txt")) do
        local cookie, csrf = line:match("^([^\t]+)\t(.+)$")
        voters[#voters + 1] = { cookie = cookie, csrf = csrf }
    end
end

function request()
    local voter = voters[math.random(#voters)]
    local choice = math.random(2) == 1 and "ship" or "skip"
    local address = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
    return wrk.format("POST", "/tools/" .. tools[math.random(#tools)] .. "/vote", {
        ["Cookie"] = "verdicts_voter=" .. voter.cookie,
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Forwarded-For"] = address,
    }, "choice=" .. choice .. "&csrf=" .. voter.csrf)
end

function response(status, headers, body)
    if status == 303 then acknowledged = acknowledged + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
    local total_acknowledged, total_refused = 0, 0
    for _, thread in ipairs(lines.threads) do
        total_acknowledged = total_acknowledged + thread:get("acknowledged")
        total_refused = total_refused + thread:get("refused")
    end
    io.write(string.format("votes acknowledged: %d\nvotes refused: %d\n", total_acknowledged, total_refused))
end
