namespace MusicGen.Redis.Queue;

/// <summary>
/// Every state change of a job is one of these scripts, so it is atomic. They use only commands
/// Garnet's Lua supports (no Streams: events go out with PUBLISH), take the server's TIME as the
/// clock, and reach job keys through the queue prefix, whose hash tag keeps all keys in one slot.
/// KEYS: wait, active, prioritized, delayed, completed, failed, meta, marker. ARGV[1]: the prefix.
/// </summary>
internal static class QueueScripts
{
    private const string Prelude = """
        local prefix = ARGV[1]
        local events = prefix .. 'events'
        local function now()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        local function jobkey(id) return prefix .. 'job:' .. id end
        local function emit(kind, id, detail) redis.call('PUBLISH', events, kind .. '\n' .. id .. '\n' .. (detail or '')) end
        -- Puts a job in line and returns its state; the caller stores the state.
        local function enqueue(id, jk, prio)
          prio = prio or tonumber(redis.call('HGET', jk, 'pr') or '0')
          if prio > 0 then
            local seq = redis.call('HINCRBY', KEYS[7], 'seq', 1)
            redis.call('ZADD', KEYS[3], seq - prio * 4294967296, id)
            return 'prioritized'
          end
          redis.call('LPUSH', KEYS[1], id)
          return 'waiting'
        end
        local function requeue(id, jk) redis.call('HSET', jk, 'st', enqueue(id, jk)) end
        local function remove(ids)
          for i = 1, #ids do redis.call('DEL', jobkey(ids[i]), jobkey(ids[i]) .. ':lock') end
        end
        local function trim(set, ts, age, count)
          if age >= 0 then
            local old = redis.call('ZRANGEBYSCORE', set, '-inf', ts - age, 'LIMIT', 0, 1000)
            if #old > 0 then remove(old); redis.call('ZREM', set, unpack(old)) end
          end
          if count >= 0 then
            local excess = redis.call('ZCARD', set) - count
            if excess > 0 then
              if excess > 1000 then excess = 1000 end
              local ids = redis.call('ZRANGE', set, 0, excess - 1)
              remove(ids)
              redis.call('ZREMRANGEBYRANK', set, 0, excess - 1)
            end
          end
        end
        local function promote(ts)
          local due = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', ts, 'LIMIT', 0, 1000)
          for i = 1, #due do
            redis.call('ZREM', KEYS[4], due[i])
            requeue(due[i], jobkey(due[i]))
          end
        end
        -- Takes the next job (prioritized first, then oldest waiting), locks it and returns
        -- {1, id, data, attempts, made, backoff, trace}; or {0, nextDelayedDueMs or -1} when there
        -- is none or the queue is paused. A take by an idle worker (fresh) leaves a wake-up marker
        -- when more work waits, so the next idle worker wakes too; a worker that is finishing a
        -- job and taking the next one needs none.
        local function take(token, lockMs, fresh)
          local ts = now()
          promote(ts)
          local id
          if redis.call('HGET', KEYS[7], 'paused') ~= '1' then
            local top = redis.call('ZPOPMIN', KEYS[3])
            if #top > 0 then id = top[1] else id = redis.call('RPOP', KEYS[1]) end
          end
          if not id then
            local nd = redis.call('ZRANGE', KEYS[4], 0, 0, 'WITHSCORES')
            return {0, nd[2] or '-1'}
          end
          local jk = jobkey(id)
          redis.call('LPUSH', KEYS[2], id)
          redis.call('SET', jk .. ':lock', token, 'PX', lockMs)
          redis.call('HSET', jk, 'st', 'active', 'po', ts)
          emit('active', id)
          if fresh and (redis.call('LLEN', KEYS[1]) > 0 or redis.call('ZCARD', KEYS[3]) > 0) then
            redis.call('ZADD', KEYS[8], 0, '0')
          end
          local f = redis.call('HMGET', jk, 'd', 'at', 'am', 'bo', 'tp')
          return {1, id, f[1] or '', f[2] or '1', f[3] or '0', f[4] or '', f[5] or ''}
        end
        local function release(id, token)
          local jk = jobkey(id)
          if redis.call('GET', jk .. ':lock') ~= token then return nil end
          redis.call('DEL', jk .. ':lock')
          redis.call('LREM', KEYS[2], -1, id)
          return jk
        end

        """;

    /// <summary>ARGV: prefix, count, then per job: id, data, attempts, delayMs, priority, backoff, traceparent. Returns 1 (added) or 0 (duplicate) per job.</summary>
    public static readonly RedisScript Add = new(Prelude + """
        local n = tonumber(ARGV[2])
        local ts = now()
        local result = {}
        for i = 0, n - 1 do
          local b = 3 + i * 7
          local id = ARGV[b]
          local jk = jobkey(id)
          if redis.call('EXISTS', jk) == 1 then
            result[#result + 1] = 0
          else
            local delay = tonumber(ARGV[b + 3])
            local st = 'delayed'
            if delay > 0 then
              redis.call('ZADD', KEYS[4], ts + delay, id)
            else
              st = enqueue(id, jk, tonumber(ARGV[b + 4]))
            end
            redis.call('HSET', jk, 'id', id, 'd', ARGV[b + 1], 'at', ARGV[b + 2], 'pr', ARGV[b + 4], 'bo', ARGV[b + 5], 'tp', ARGV[b + 6], 'ts', ts, 'st', st)
            emit('added', id)
            result[#result + 1] = 1
          end
        end
        redis.call('ZADD', KEYS[8], 0, '0')
        return result
        """);

    /// <summary>ARGV: prefix, token, lockMs.</summary>
    public static readonly RedisScript Take = new(Prelude + "return take(ARGV[2], tonumber(ARGV[3]), true)");

    /// <summary>
    /// ARGV: prefix, id, token, result, keepAgeMs, keepCount, nextToken ('' = take nothing), lockMs, attemptsMade.
    /// Returns {-1} when the lock was lost, else the next job as <c>take</c> does (or {0, -1}).
    /// </summary>
    public static readonly RedisScript Complete = new(Prelude + """
        local id = ARGV[2]
        local jk = release(id, ARGV[3])
        if not jk then return {-1} end
        local ts = now()
        redis.call('ZADD', KEYS[5], ts, id)
        redis.call('HSET', jk, 'st', 'completed', 'fo', ts, 'rv', ARGV[4], 'am', ARGV[9])
        emit('completed', id)
        trim(KEYS[5], ts, tonumber(ARGV[5]), tonumber(ARGV[6]))
        if ARGV[7] == '' then return {0, '-1'} end
        return take(ARGV[7], tonumber(ARGV[8]), false)
        """);

    /// <summary>
    /// ARGV: prefix, id, token, error, retryDelayMs (-1 = fail for good, 0 = back to waiting), keepAgeMs, keepCount, nextToken, lockMs, attemptsMade.
    /// Returns as <see cref="Complete"/>.
    /// </summary>
    public static readonly RedisScript Fail = new(Prelude + """
        local id = ARGV[2]
        local jk = release(id, ARGV[3])
        if not jk then return {-1} end
        local ts = now()
        local delay = tonumber(ARGV[5])
        local st
        if delay < 0 then
          redis.call('ZADD', KEYS[6], ts, id)
          st = 'failed'
        elseif delay == 0 then
          st = enqueue(id, jk)
          redis.call('ZADD', KEYS[8], 0, '0')
        else
          redis.call('ZADD', KEYS[4], ts + delay, id)
          st = 'delayed'
          redis.call('ZADD', KEYS[8], 0, '0')
        end
        if delay < 0 then
          redis.call('HSET', jk, 'st', st, 'er', ARGV[4], 'am', ARGV[10], 'fo', ts)
          emit('failed', id, ARGV[4])
          trim(KEYS[6], ts, tonumber(ARGV[6]), tonumber(ARGV[7]))
        else
          redis.call('HSET', jk, 'st', st, 'er', ARGV[4], 'am', ARGV[10])
          emit('retrying', id, ARGV[4])
        end
        if ARGV[8] == '' then return {0, '-1'} end
        return take(ARGV[8], tonumber(ARGV[9]), false)
        """);

    /// <summary>ARGV: prefix, lockMs, then pairs of id, token. Returns 1 (extended) or 0 (lost) per pair.</summary>
    public static readonly RedisScript ExtendLocks = new(Prelude + """
        local result = {}
        for i = 3, #ARGV, 2 do
          local lk = jobkey(ARGV[i]) .. ':lock'
          if redis.call('GET', lk) == ARGV[i + 1] then
            redis.call('PEXPIRE', lk, ARGV[2])
            result[#result + 1] = 1
          else
            result[#result + 1] = 0
          end
        end
        return result
        """);

    /// <summary>
    /// ARGV: prefix, maxStalledCount, intervalMs, keepFailedAgeMs, keepFailedCount. Moves active jobs
    /// whose lock expired back to waiting, or to failed once stalled more than allowed. Runs at most
    /// once per interval per queue, whichever worker gets there first. Returns {requeued, failed}.
    /// </summary>
    public static readonly RedisScript RecoverStalled = new(Prelude + """
        if not redis.call('SET', prefix .. 'stalled-check', '1', 'PX', ARGV[3], 'NX') then return {0, 0} end
        local ts = now()
        local maxStalled = tonumber(ARGV[2])
        local requeued, failed = 0, 0
        local ids = redis.call('LRANGE', KEYS[2], 0, -1)
        for i = 1, #ids do
          local id = ids[i]
          local jk = jobkey(id)
          if redis.call('EXISTS', jk .. ':lock') == 0 then
            redis.call('LREM', KEYS[2], -1, id)
            if redis.call('EXISTS', jk) == 1 then
              local stalls = redis.call('HINCRBY', jk, 'sc', 1)
              if stalls > maxStalled then
                redis.call('HINCRBY', jk, 'am', 1)
                redis.call('HSET', jk, 'st', 'failed', 'fo', ts, 'er', 'job stalled more than allowable limit')
                redis.call('ZADD', KEYS[6], ts, id)
                emit('failed', id, 'job stalled more than allowable limit')
                failed = failed + 1
              else
                requeue(id, jk)
                emit('stalled', id)
                requeued = requeued + 1
              end
            end
          end
        end
        if failed > 0 then trim(KEYS[6], ts, tonumber(ARGV[4]), tonumber(ARGV[5])) end
        if requeued > 0 then redis.call('ZADD', KEYS[8], 0, '0') end
        return {requeued, failed}
        """);

    /// <summary>ARGV: prefix, id, token, progress. Returns 1, or 0 when the lock was lost.</summary>
    public static readonly RedisScript Progress = new(Prelude + """
        local jk = jobkey(ARGV[2])
        if redis.call('GET', jk .. ':lock') ~= ARGV[3] then return 0 end
        redis.call('HSET', jk, 'pg', ARGV[4])
        emit('progress', ARGV[2], ARGV[4])
        return 1
        """);

    /// <summary>ARGV: prefix, '1' to pause or '0' to resume.</summary>
    public static readonly RedisScript Pause = new(Prelude + """
        if ARGV[2] == '1' then
          redis.call('HSET', KEYS[7], 'paused', '1')
          emit('paused', '')
        else
          redis.call('HDEL', KEYS[7], 'paused')
          redis.call('ZADD', KEYS[8], 0, '0')
          emit('resumed', '')
        end
        return 1
        """);

    /// <summary>ARGV: prefix, id ('' = all, oldest first), limit. Moves failed jobs back to waiting with fresh attempts; returns how many.</summary>
    public static readonly RedisScript Retry = new(Prelude + """
        local ids
        if ARGV[2] ~= '' then
          if redis.call('ZSCORE', KEYS[6], ARGV[2]) then ids = {ARGV[2]} else ids = {} end
        else
          ids = redis.call('ZRANGE', KEYS[6], 0, tonumber(ARGV[3]) - 1)
        end
        for i = 1, #ids do
          local jk = jobkey(ids[i])
          redis.call('ZREM', KEYS[6], ids[i])
          redis.call('HSET', jk, 'am', 0, 'sc', 0)
          redis.call('HDEL', jk, 'er', 'fo', 'po', 'pg')
          requeue(ids[i], jk)
          emit('retrying', ids[i], 'manual')
        end
        if #ids > 0 then redis.call('ZADD', KEYS[8], 0, '0') end
        return #ids
        """);

    /// <summary>
    /// ARGV: prefix, state, graceMs, limit. Removes up to limit jobs in that state older than grace
    /// (finished time for completed/failed, creation time otherwise); returns how many.
    /// </summary>
    public static readonly RedisScript Clean = new(Prelude + """
        local state, grace, limit = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
        local ts = now()
        local cutoff = ts - grace
        local removed = {}
        if state == 'completed' or state == 'failed' then
          local set = state == 'completed' and KEYS[5] or KEYS[6]
          removed = redis.call('ZRANGEBYSCORE', set, '-inf', cutoff, 'LIMIT', 0, limit)
          if #removed > 0 then redis.call('ZREM', set, unpack(removed)) end
        else
          local key = ({waiting = KEYS[1], prioritized = KEYS[3], delayed = KEYS[4]})[state]
          local isList = state == 'waiting'
          local ids = isList and redis.call('LRANGE', key, 0, -1) or redis.call('ZRANGE', key, 0, -1)
          for i = #ids, 1, -1 do
            if #removed >= limit then break end
            local created = tonumber(redis.call('HGET', jobkey(ids[i]), 'ts') or '0')
            if created <= cutoff then
              removed[#removed + 1] = ids[i]
              if isList then redis.call('LREM', key, 1, ids[i]) else redis.call('ZREM', key, ids[i]) end
            end
          end
        end
        remove(removed)
        return #removed
        """);

    /// <summary>ARGV: prefix. Returns waiting, prioritized, delayed, active, completed, failed, paused, all read at one instant.</summary>
    public static readonly RedisScript Counts = new(Prelude + """
        return {redis.call('LLEN', KEYS[1]), redis.call('ZCARD', KEYS[3]), redis.call('ZCARD', KEYS[4]), redis.call('LLEN', KEYS[2]),
          redis.call('ZCARD', KEYS[5]), redis.call('ZCARD', KEYS[6]), redis.call('HGET', KEYS[7], 'paused') == '1' and 1 or 0}
        """);
}
