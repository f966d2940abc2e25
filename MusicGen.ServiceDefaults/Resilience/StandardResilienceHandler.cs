namespace MusicGen.ServiceDefaults.Resilience;

/// <summary>
/// Sends each request through the client's standard pipeline. A request message can be sent only once,
/// so every attempt gets a fresh copy with the content buffered up front.
/// </summary>
public sealed class StandardResilienceHandler(StandardResiliencePipeline standard) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var lease = await standard.Limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new ConcurrencyLimitRejectedException(standard.ClientName, standard.PermitLimit);
        }

        var snapshot = await RequestSnapshot.CreateAsync(request, cancellationToken);
        return await standard.Pipeline.ExecuteAsync(
            async token => await base.SendAsync(snapshot.CreateAttempt(), token),
            cancellationToken);
    }
}
