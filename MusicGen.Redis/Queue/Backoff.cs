using System.Globalization;

namespace MusicGen.Redis.Queue;

public enum BackoffType
{
    None = 0,
    Fixed = 1,
    Exponential = 2,
}

/// <summary>
/// Delay before a retry, as BullMQ computes it: fixed, or exponential (delay, 2·delay, 4·delay…),
/// with jitter drawing uniformly from [max·(1 − jitter), max].
/// </summary>
public sealed record Backoff(BackoffType Type, TimeSpan Delay, double Jitter = 0)
{
    public static Backoff Fixed(TimeSpan delay, double jitter = 0) => new(BackoffType.Fixed, delay, jitter);

    public static Backoff Exponential(TimeSpan delay, double jitter = 0) => new(BackoffType.Exponential, delay, jitter);

    internal string Encode() =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)Type}:{(long)Delay.TotalMilliseconds}:{Jitter:R}");

    internal static Backoff? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split(':');
        return new Backoff(
            (BackoffType)int.Parse(parts[0], CultureInfo.InvariantCulture),
            TimeSpan.FromMilliseconds(long.Parse(parts[1], CultureInfo.InvariantCulture)),
            double.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>The wait after the <paramref name="attemptsMade"/>-th failed try (1-based).</summary>
    public TimeSpan ForAttempt(int attemptsMade)
    {
        var max = Type switch
        {
            BackoffType.Fixed => Delay.TotalMilliseconds,
            BackoffType.Exponential => Math.Pow(2, Math.Max(0, attemptsMade - 1)) * Delay.TotalMilliseconds,
            _ => 0,
        };
        var jitter = Math.Clamp(Jitter, 0, 1);
        var ms = jitter > 0 ? max * (1 - jitter) + Random.Shared.NextDouble() * max * jitter : max;
        return TimeSpan.FromMilliseconds(Math.Round(ms));
    }
}
