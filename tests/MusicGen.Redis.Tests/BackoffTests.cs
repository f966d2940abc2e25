using MusicGen.Redis.Queue;

namespace MusicGen.Redis.Tests;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(5, 1600)]
    public void ForAttempt_Exponential_DoublesFromDelay(int attemptsMade, int expectedMs)
    {
        Backoff.Exponential(TimeSpan.FromMilliseconds(100)).ForAttempt(attemptsMade).ShouldBe(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Fact]
    public void ForAttempt_Fixed_IsConstant()
    {
        Backoff.Fixed(TimeSpan.FromMilliseconds(250)).ForAttempt(4).ShouldBe(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public void ForAttempt_WithJitter_StaysWithinBand()
    {
        var backoff = Backoff.Exponential(TimeSpan.FromMilliseconds(1000), jitter: 0.5);
        var samples = Enumerable.Range(0, 500).Select(_ => backoff.ForAttempt(2).TotalMilliseconds).ToList();

        samples.ShouldAllBe(ms => ms >= 1000 && ms <= 2000);
        samples.Distinct().Count().ShouldBeGreaterThan(10);
    }
}
