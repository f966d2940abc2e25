namespace MusicGen.Engine.Prompting;

/// <summary>The accepted input ranges (ElevenLabs' limits where they exist); violations throw ArgumentException-family errors that name the range.</summary>
public static class BriefLimits
{
    public const int MaxPromptLength = 2000;
    public const double MinLengthSeconds = 3;
    public const double MaxLengthSeconds = 600;
    public const double DefaultLengthSeconds = 60;
    public const double MinBpm = 40;
    public const double MaxBpm = 240;

    public static void ValidateLength(double seconds, string paramName = "length")
    {
        if (!double.IsFinite(seconds) || seconds < MinLengthSeconds || seconds > MaxLengthSeconds)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                seconds,
                $"Length must be between 3 s and 10 min (3–600 seconds); got {seconds:0.###} s.");
        }
    }

    public static void ValidateBpm(double bpm, string paramName = "bpm")
    {
        if (!double.IsFinite(bpm) || bpm < MinBpm || bpm > MaxBpm)
        {
            throw new ArgumentOutOfRangeException(paramName, bpm, $"Tempo must be between {MinBpm} and {MaxBpm} BPM; got {bpm:0.###}.");
        }
    }

    public static void ValidatePrompt(string? prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new ArgumentException("The prompt is empty: give a prompt of 1–2,000 characters or a composition plan.", nameof(prompt));
        }

        if (prompt.Length > MaxPromptLength)
        {
            throw new ArgumentException($"The prompt has {prompt.Length} characters; the allowed range is 1–2,000 characters.", nameof(prompt));
        }
    }
}
