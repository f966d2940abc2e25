using MusicGen.Core.Providers;

namespace MusicGen.Core.Tests.Providers;

public sealed class CircuitBreakerTests
{
    private readonly ManualTime _time = new();

    [Fact]
    public void OpensAfterTheThreshold_OfFailuresInARow()
    {
        var breaker = new CircuitBreaker(3, TimeSpan.FromSeconds(30), _time);
        breaker.Failure();
        breaker.Failure();
        breaker.TryEnter(out _).ShouldBeTrue();

        breaker.Failure();

        breaker.State.ShouldBe(CircuitState.Open);
        breaker.TryEnter(out var retryAfter).ShouldBeFalse();
        retryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void ASuccess_ResetsTheCount()
    {
        var breaker = new CircuitBreaker(2, TimeSpan.FromSeconds(30), _time);
        breaker.Failure();
        breaker.Success();
        breaker.Failure();

        breaker.State.ShouldBe(CircuitState.Closed);
    }

    [Fact]
    public void AfterTheBreak_LetsOneTrialThrough_WhoseSuccessCloses()
    {
        var breaker = new CircuitBreaker(1, TimeSpan.FromSeconds(30), _time);
        breaker.Failure();
        _time.Advance(TimeSpan.FromSeconds(31));

        breaker.State.ShouldBe(CircuitState.HalfOpen);
        breaker.TryEnter(out _).ShouldBeTrue();
        breaker.TryEnter(out _).ShouldBeFalse("only one trial at a time");
        breaker.Success();

        breaker.State.ShouldBe(CircuitState.Closed);
        breaker.TryEnter(out _).ShouldBeTrue();
    }

    [Fact]
    public void AFailedTrial_OpensAgain()
    {
        var breaker = new CircuitBreaker(5, TimeSpan.FromSeconds(30), _time);
        for (var i = 0; i < 5; i++)
        {
            breaker.Failure();
        }

        _time.Advance(TimeSpan.FromSeconds(31));
        breaker.TryEnter(out _).ShouldBeTrue();
        breaker.Failure();

        breaker.State.ShouldBe(CircuitState.Open);
    }
}
