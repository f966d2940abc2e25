namespace MusicGen.Contracts.Accounts;

/// <summary>The signed-in user's profile, role and this month's audio quota in seconds.</summary>
public sealed record MeResponse(Guid Id, string? Email, string DisplayName, string Role, int MonthlyQuotaSeconds, double UsedSecondsThisMonth, DateTimeOffset CreatedAt);
