using System.Collections.Concurrent;
using MusicGen.Core.Generations;
using Microsoft.Extensions.Options;

namespace MusicGen.Core.Providers;

/// <summary>
/// The one place a generation meets a provider: picks the provider by name, refuses requests outside its
/// capabilities (permanent error), holds back callers beyond the provider's concurrency limit, keeps a
/// circuit breaker per provider, bounds each call's time, and turns every failure into a
/// <see cref="ProviderException"/> (code, transient or not).
/// </summary>
public sealed class ProviderRouter
{
    /// <summary>Providers the platform knows of whose clients come later: asking for one is a clear permanent error.</summary>
    public static readonly IReadOnlyList<string> PlannedProviders = ["elevenlabs", "suno"];

    private readonly Dictionary<string, IMusicProvider> _providers;
    private readonly ProviderRouterOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _limits = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, CircuitBreaker> _breakers = new(StringComparer.OrdinalIgnoreCase);

    public ProviderRouter(IEnumerable<IMusicProvider> providers, IOptions<ProviderRouterOptions> options, TimeProvider time)
    {
        // The last registration of a name wins, so a host can replace a provider.
        _providers = new Dictionary<string, IMusicProvider>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in providers)
        {
            _providers[provider.Name] = provider;
        }

        _options = options.Value;
        _time = time;
    }

    public IReadOnlyCollection<string> Providers => _providers.Keys;

    public CircuitState CircuitOf(string provider) => Breaker(provider).State;

    /// <summary>Renders the generation's variations through its provider.</summary>
    /// <exception cref="ProviderException">The provider failed or cannot do what is asked.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public async Task<IReadOnlyList<ProvidedTrack>> GenerateAsync(Generation generation, IProgress<ProviderProgress> progress, CancellationToken cancellationToken)
    {
        var provider = Resolve(generation.Provider);
        CheckCapabilities(provider, generation);

        var breaker = Breaker(provider.Name);
        if (!breaker.TryEnter(out var retryAfter))
        {
            throw Counted(provider, ProviderException.Unavailable(
                $"Provider '{provider.Name}' failed repeatedly and is paused for {retryAfter.TotalSeconds:0} s; the generation will be retried."));
        }

        var limit = _limits.GetOrAdd(provider.Name, name => new SemaphoreSlim(_options.ConcurrencyOf(name)));
        try
        {
            await limit.WaitAsync(cancellationToken);
        }
        catch
        {
            breaker.Neutral();
            throw;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CallTimeout);
        try
        {
            var tracks = await provider.GenerateAsync(generation, progress, timeout.Token);
            if (tracks.Count != generation.Variations || tracks.Select(t => t.Variant).Distinct().Count() != generation.Variations)
            {
                throw new ProviderException(ProviderErrorCodes.Internal,
                    $"Provider '{provider.Name}' returned {tracks.Count} track(s) for {generation.Variations} variation(s).", transient: true);
            }

            breaker.Success();
            return tracks;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            breaker.Neutral();
            throw;
        }
        catch (OperationCanceledException e)
        {
            breaker.Failure();
            throw Counted(provider, new ProviderException(ProviderErrorCodes.ProviderTimeout,
                $"Provider '{provider.Name}' did not finish within {_options.CallTimeout}; the generation will be retried.", transient: true, e));
        }
        catch (ProviderException e)
        {
            (e.Transient ? (Action)breaker.Failure : breaker.Neutral)();
            throw Counted(provider, e);
        }
        catch (ArgumentException e)
        {
            // The engine (and client libraries) refuse invalid input with ArgumentException: retrying cannot help.
            breaker.Neutral();
            throw Counted(provider, ProviderException.Permanent(ProviderErrorCodes.InvalidRequest, e.Message, e));
        }
        catch (Exception e)
        {
            breaker.Failure();
            throw Counted(provider, new ProviderException(ProviderErrorCodes.Internal, $"Provider '{provider.Name}' failed: {e.Message}", transient: true, e));
        }
        finally
        {
            limit.Release();
        }
    }

    private IMusicProvider Resolve(string name)
    {
        if (_providers.TryGetValue(name, out var provider))
        {
            return provider;
        }

        var message = PlannedProviders.Contains(name, StringComparer.OrdinalIgnoreCase)
            ? $"Provider '{name}' is not configured on this server yet; use provider 'local', or ask the operator to enable '{name}'."
            : $"Provider '{name}' is unknown; this server offers {string.Join(", ", _providers.Keys.Order().Select(p => $"'{p}'"))}.";
        ProviderMetrics.Errors.Add(1, new("provider", name), new("code", ProviderErrorCodes.ProviderNotConfigured));
        throw ProviderException.Permanent(ProviderErrorCodes.ProviderNotConfigured, message);
    }

    private static void CheckCapabilities(IMusicProvider provider, Generation generation)
    {
        var can = provider.Capabilities;
        string? problem = null;
        if (generation.LengthMs < can.MinLengthMs || generation.LengthMs > can.MaxLengthMs)
        {
            problem = $"lengthMs {generation.LengthMs:N0} is outside what provider '{provider.Name}' renders ({can.MinLengthMs:N0}–{can.MaxLengthMs:N0} ms).";
        }
        else if (!can.OutputFormats.Contains(generation.OutputFormat))
        {
            problem = $"Provider '{provider.Name}' cannot deliver outputFormat '{generation.OutputFormat}'; use one of {string.Join(", ", can.OutputFormats.Order())}.";
        }
        else if (generation.Variations > can.MaxVariationsPerCall)
        {
            problem = $"Provider '{provider.Name}' returns at most {can.MaxVariationsPerCall} variation(s) per generation; {generation.Variations} were asked for.";
        }
        else if (!can.Lyrics && !generation.Instrumental && !string.IsNullOrWhiteSpace(generation.Lyrics))
        {
            problem = $"Provider '{provider.Name}' cannot sing lyrics; drop the lyrics (or set instrumental) or choose a provider that sings.";
        }

        if (problem is not null)
        {
            ProviderMetrics.Errors.Add(1, new("provider", provider.Name), new("code", ProviderErrorCodes.UnsupportedRequest));
            throw ProviderException.Permanent(ProviderErrorCodes.UnsupportedRequest, problem);
        }
    }

    private CircuitBreaker Breaker(string provider) =>
        _breakers.GetOrAdd(provider, _ => new CircuitBreaker(_options.FailureThreshold, _options.BreakDuration, _time));

    private static ProviderException Counted(IMusicProvider provider, ProviderException e)
    {
        ProviderMetrics.Errors.Add(1, new("provider", provider.Name), new("code", e.Code));
        return e;
    }
}
