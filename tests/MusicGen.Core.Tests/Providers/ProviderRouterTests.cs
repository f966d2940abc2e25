using MusicGen.Core.Generations;
using MusicGen.Core.Providers;
using Microsoft.Extensions.Options;

namespace MusicGen.Core.Tests.Providers;

public sealed class ProviderRouterTests
{
    private readonly ManualTime _time = new();

    private static Generation NewGeneration(string provider = "fake", int lengthMs = 10_000, string format = "mp3_44100_128", int variations = 2, string? lyrics = null) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = "x",
        Prompt = "piano",
        Provider = provider,
        LengthMs = lengthMs,
        OutputFormat = format,
        Variations = variations,
        Lyrics = lyrics,
    };

    private ProviderRouter Router(IMusicProvider provider, ProviderRouterOptions? options = null) =>
        new([provider], Options.Create(options ?? new ProviderRouterOptions()), _time);

    [Fact]
    public async Task RoutesByName_AndReturnsEveryVariation()
    {
        var router = Router(new FakeProvider());

        var tracks = await router.GenerateAsync(NewGeneration(), new Progress<ProviderProgress>(), CancellationToken.None);

        tracks.Select(t => t.Variant).ShouldBe([0, 1]);
    }

    [Theory]
    [InlineData("elevenlabs", "not configured on this server yet")]
    [InlineData("suno", "not configured on this server yet")]
    [InlineData("other", "unknown")]
    public async Task AProviderThatIsNotThere_IsAPermanentError(string name, string says)
    {
        var error = await Should.ThrowAsync<ProviderException>(() => Router(new FakeProvider()).GenerateAsync(NewGeneration(name), new Progress<ProviderProgress>(), CancellationToken.None));

        error.Code.ShouldBe(ProviderErrorCodes.ProviderNotConfigured);
        error.Transient.ShouldBeFalse();
        error.Message.ShouldContain(says);
    }

    [Theory]
    [InlineData(1_000, "mp3_44100_128", 2, null, "lengthMs")]
    [InlineData(10_000, "wav_48000", 2, null, "outputFormat")]
    [InlineData(10_000, "mp3_44100_128", 5, null, "variation")]
    [InlineData(10_000, "mp3_44100_128", 2, "la la", "lyrics")]
    public async Task ARequestOutsideTheCapabilities_IsAPermanentErrorNamingTheField(int lengthMs, string format, int variations, string? lyrics, string says)
    {
        var provider = new FakeProvider();

        var error = await Should.ThrowAsync<ProviderException>(() => Router(provider).GenerateAsync(NewGeneration(lengthMs: lengthMs, format: format, variations: variations, lyrics: lyrics), new Progress<ProviderProgress>(), CancellationToken.None));

        error.Code.ShouldBe(ProviderErrorCodes.UnsupportedRequest);
        error.Transient.ShouldBeFalse();
        error.Message.ShouldContain(says);
        provider.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task UnclassifiedFailures_AreTransient_AndOpenTheCircuit()
    {
        var provider = new FakeProvider { Failure = new HttpRequestException("connection refused") };
        var router = Router(provider, new ProviderRouterOptions { FailureThreshold = 2, BreakDuration = TimeSpan.FromMinutes(1) });

        for (var i = 0; i < 2; i++)
        {
            var error = await Should.ThrowAsync<ProviderException>(() => router.GenerateAsync(NewGeneration(), new Progress<ProviderProgress>(), CancellationToken.None));
            error.Transient.ShouldBeTrue();
        }

        var refused = await Should.ThrowAsync<ProviderException>(() => router.GenerateAsync(NewGeneration(), new Progress<ProviderProgress>(), CancellationToken.None));
        refused.Code.ShouldBe(ProviderErrorCodes.ProviderUnavailable);
        refused.Transient.ShouldBeTrue();
        provider.Calls.ShouldBe(2, "an open circuit does not call the provider");
        router.CircuitOf("fake").ShouldBe(CircuitState.Open);
    }

    [Fact]
    public async Task ArgumentExceptions_ArePermanentInvalidRequests_AndLeaveTheCircuitClosed()
    {
        var provider = new FakeProvider { Failure = new ArgumentException("The plan has no sections.") };
        var router = Router(provider, new ProviderRouterOptions { FailureThreshold = 1 });

        var error = await Should.ThrowAsync<ProviderException>(() => router.GenerateAsync(NewGeneration(), new Progress<ProviderProgress>(), CancellationToken.None));

        error.Code.ShouldBe(ProviderErrorCodes.InvalidRequest);
        error.Transient.ShouldBeFalse();
        router.CircuitOf("fake").ShouldBe(CircuitState.Closed);
    }

    [Fact]
    public async Task ACallOverItsTimeout_IsATransientTimeout()
    {
        var provider = new FakeProvider { Delay = TimeSpan.FromSeconds(30) };
        var router = Router(provider, new ProviderRouterOptions { CallTimeout = TimeSpan.FromMilliseconds(100) });

        var error = await Should.ThrowAsync<ProviderException>(() => router.GenerateAsync(NewGeneration(), new Progress<ProviderProgress>(), CancellationToken.None));

        error.Code.ShouldBe(ProviderErrorCodes.ProviderTimeout);
        error.Transient.ShouldBeTrue();
    }

    [Fact]
    public async Task TheCallersCancel_PropagatesAsCancellation()
    {
        var router = Router(new FakeProvider { Delay = TimeSpan.FromSeconds(30) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Should.ThrowAsync<OperationCanceledException>(() => router.GenerateAsync(NewGeneration(), new Progress<ProviderProgress>(), cancel.Token));
    }

    [Fact]
    public async Task CallsBeyondTheConcurrencyLimit_Wait()
    {
        var provider = new FakeProvider { Delay = TimeSpan.FromMilliseconds(300) };
        var router = Router(provider, new ProviderRouterOptions { MaxConcurrency = 8, ConcurrencyOverrides = { ["fake"] = 1 } });

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => router.GenerateAsync(NewGeneration(), new Progress<ProviderProgress>(), CancellationToken.None)));

        provider.MaxInFlight.ShouldBe(1);
    }

    [Fact]
    public async Task TooFewTracks_IsATransientError()
    {
        var router = Router(new FakeProvider { Returns = 1 });

        var error = await Should.ThrowAsync<ProviderException>(() => router.GenerateAsync(NewGeneration(variations: 2), new Progress<ProviderProgress>(), CancellationToken.None));

        error.Transient.ShouldBeTrue();
        error.Message.ShouldContain("1 track(s) for 2 variation(s)");
    }

    private sealed class FakeProvider : IMusicProvider
    {
        private int _calls;
        private int _inFlight;
        private int _maxInFlight;

        public Exception? Failure { get; init; }

        public TimeSpan Delay { get; init; }

        public int? Returns { get; init; }

        public int Calls => _calls;

        public int MaxInFlight => _maxInFlight;

        public string Name => "fake";

        public ProviderCapabilities Capabilities { get; } = new(3_000, 60_000, new HashSet<string> { "mp3_44100_128" }, 4, Lyrics: false, Stems: false);

        public async Task<IReadOnlyList<ProvidedTrack>> GenerateAsync(Generation generation, IProgress<ProviderProgress> progress, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            var inFlight = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _maxInFlight, inFlight);
            try
            {
                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay, cancellationToken);
                }

                if (Failure is not null)
                {
                    throw Failure;
                }

                return [.. Enumerable.Range(0, Returns ?? generation.Variations).Select(v => new ProvidedTrack(v, [1], "mp3", "audio/mpeg", null, 10))];
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}
