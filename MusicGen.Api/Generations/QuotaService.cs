using MusicGen.Core.Accounts;
using MusicGen.Core.Data;
using MusicGen.Core.Usage;
using Microsoft.Extensions.Options;

namespace MusicGen.Api.Generations;

public sealed record QuotaUsage(int LimitSeconds, long UsedMs, DateTimeOffset ResetsAt)
{
    public long RemainingMs => Math.Max(0, (LimitSeconds * 1000L) - UsedMs);
}

/// <summary>Monthly audio quota: failed and canceled generations do not count; deleted ones still do (see <see cref="UsageLedger"/>).</summary>
public sealed class QuotaService(MusicDbContext db, IOptions<QuotaOptions> options, TimeProvider time)
{
    /// <summary>Seconds a month for users whose account sets no quota of its own.</summary>
    public int DefaultMonthlySeconds => options.Value.MonthlySeconds;

    /// <summary>The start of the current quota month (UTC).</summary>
    public DateTimeOffset MonthStart()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    public async Task<QuotaUsage> GetUsageAsync(User user, CancellationToken cancellationToken)
    {
        var monthStart = MonthStart();
        var used = await UsageLedger.UsedMsAsync(db, user.Id, monthStart, cancellationToken);
        return new QuotaUsage(user.MonthlyQuotaSeconds ?? options.Value.MonthlySeconds, used, monthStart.AddMonths(1));
    }
}
