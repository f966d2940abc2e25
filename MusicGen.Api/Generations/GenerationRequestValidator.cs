using System.Text.Json;
using MusicGen.Contracts.Generations;

namespace MusicGen.Api.Generations;

/// <summary>Checks a request field by field; every message names what to change.</summary>
public static class GenerationRequestValidator
{
    public const int MinLengthMs = 3_000;
    public const int MaxLengthMs = 600_000;

    public static readonly string[] OutputFormats =
    [
        "mp3_44100_128", "mp3_44100_192", "mp3_44100_96", "mp3_44100_64", "mp3_44100_32", "mp3_22050_32", "pcm_44100", "wav_44100",
    ];

    public static readonly string[] Providers = ["local", "elevenlabs", "suno"];

    public static Dictionary<string, string[]> Validate(CreateGenerationRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        if (request.Name is { Length: > 200 })
        {
            Add("name", "The name must be at most 200 characters long.");
        }

        var hasPrompt = !string.IsNullOrWhiteSpace(request.Prompt);
        var hasPlan = request.CompositionPlan is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined };
        if (hasPrompt == hasPlan)
        {
            Add("prompt", hasPrompt
                ? "Give either a prompt or a compositionPlan, not both."
                : "A prompt (or a compositionPlan) is required, e.g. \"melancholic lo-fi piano, 80 bpm, rain\".");
        }
        else if (hasPrompt && request.Prompt!.Length > 4_100)
        {
            Add("prompt", "The prompt must be at most 4,100 characters long.");
        }
        else if (hasPlan && !IsCompositionPlan(request.CompositionPlan!.Value))
        {
            Add("compositionPlan", "The compositionPlan must be an object with a non-empty 'sections' array.");
        }

        if (request.LengthMs is < MinLengthMs or > MaxLengthMs)
        {
            Add("lengthMs", $"lengthMs must be between {MinLengthMs:N0} and {MaxLengthMs:N0} (3 seconds to 10 minutes); it was {request.LengthMs:N0}.");
        }

        if (!OutputFormats.Contains(request.OutputFormat))
        {
            Add("outputFormat", $"outputFormat '{request.OutputFormat}' is not supported; use one of {string.Join(", ", OutputFormats)}.");
        }

        if (request.Variations is < 1 or > 4)
        {
            Add("variations", $"variations must be between 1 and 4; it was {request.Variations}.");
        }

        if (request.Lyrics is { Length: > 0 } lyrics)
        {
            if (request.Instrumental)
            {
                Add("lyrics", "An instrumental generation cannot have lyrics: drop the lyrics or set instrumental to false.");
            }
            else if (lyrics.Length > 3_000)
            {
                Add("lyrics", "The lyrics must be at most 3,000 characters long.");
            }
        }

        if (!Providers.Contains(request.Provider))
        {
            Add("provider", $"provider '{request.Provider}' is unknown; use one of {string.Join(", ", Providers)}.");
        }

        if (request.Model is { Length: > 80 })
        {
            Add("model", "The model must be at most 80 characters long.");
        }

        if (request.WebhookUrl is { } url && (url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            Add("webhookUrl", "webhookUrl must be an absolute http:// or https:// URL of at most 2,048 characters.");
        }

        return errors;
    }

    private static bool IsCompositionPlan(JsonElement plan) =>
        plan.ValueKind == JsonValueKind.Object
        && (plan.TryGetProperty("sections", out var sections) || plan.TryGetProperty("Sections", out sections))
        && sections.ValueKind == JsonValueKind.Array
        && sections.GetArrayLength() > 0;
}
