-- Each wrk thread takes every n-th person; each person alternates support
-- and withdrawal, so every request changes a row.
local tokens, ideas = {}, {}
local thread_number, threads = 0, 1
local counter = 0

function setup(thread)
  thread:set("thread_number", thread_number)
  thread_number = thread_number + 1
end

function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  for id in string.gmatch(args[2], "[^,]+") do ideas[#ideas + 1] = id end
  threads = tonumber(args[3])
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Accept"] = "application/json"
  wrk.headers["Origin"] = args[4]
end

function request()
  counter = counter + 1
  local person = ((counter * threads + thread_number) % #tokens) + 1
  local round = math.floor((counter * threads) / #tokens)
  -- A person always supports the same idea, so taking it back finds it.
  local idea = ideas[((person * 7) % #ideas) + 1]
  local support = (round % 2 == 0) and "true" or "false"
  wrk.headers["Cookie"] = "samskap_session=" .. tokens[person]
  wrk.body = "idea_id=" .. idea .. "&support=" .. support
  return wrk.format(nil, "/api/supports/idea")
end

function done(summary, latency, requests)
  io.write(string.format("non_2xx=%d\n", summary.errors.status))
end
