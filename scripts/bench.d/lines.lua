-- Shared by the scenarios: reads a file of the bench inputs (written by `verdicts synth --bench-out`)
-- into a list, one entry per non-empty line.
local M = {}

function M.read(path)
    local list = {}
    for line in io.lines(path) do
        if line ~= "" then list[#list + 1] = line end
    end
    if #list == 0 then error(path .. " is empty") end
    return list
end

-- Each wrk thread has its own Lua state. `setup` (run in the main state) numbers the threads and
-- keeps them, so every thread draws a different random sequence and `done` can read their tallies.
M.threads = {}

function M.setup(thread)
    table.insert(M.threads, thread)
    thread:set("thread_number", #M.threads)
end

function M.seed()
    math.randomseed(os.time() * 100 + (thread_number or 0))
end

return M
