using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace MusicGen.ServiceDefaults.Resilience;

/// <summary>
/// Lets Polly check its own limits (at least one retry, break and sampling durations of at least
/// 0.5 s, …) when the host starts, not on the first request.
/// </summary>
internal sealed class HttpStandardResilienceOptionsValidator : IValidateOptions<HttpStandardResilienceOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpStandardResilienceOptions options)
    {
        try
        {
            StandardResiliencePipelines.Build(name ?? Options.DefaultName, options, TimeProvider.System);
            return ValidateOptionsResult.Success;
        }
        catch (ValidationException exception)
        {
            return ValidateOptionsResult.Fail($"{HttpStandardResilienceOptions.SectionName}: {exception.Message}");
        }
    }
}
