using System.Collections.Concurrent;

namespace MusicGen.Engine.Synthesis;

/// <summary>
/// The kit's one-shots, rendered by <see cref="DrumVoice"/> once per process and shared by every song that plays the
/// same kit, the way a drum machine plays the same samples in every song. A one-shot depends only on its kit, sound,
/// tom pitch, take and sample rate (its noise is seeded from those), so which song rendered it first never shows.
/// </summary>
/// <remarks>
/// A kit's one-shots at 44.1 kHz take a few MB. Past <see cref="BudgetSamples"/> (64 MB) the memory starts over:
/// rare, and the samples rendered again are the same.
/// </remarks>
internal static class DrumSamples
{
    private const long BudgetSamples = 16L * 1024 * 1024;

    private static readonly ConcurrentDictionary<OneShot, float[]> Kept = new();
    private static readonly Lock Gate = new();
    private static long held;

    /// <summary>The one-shot of <paramref name="sound"/> at full velocity; <paramref name="pitch"/> only tells toms apart.</summary>
    public static float[] Get(DrumKitStyle kit, DrumSound sound, int pitch, int take, float sampleRate)
    {
        var key = new OneShot(kit, sound, pitch, take, sampleRate);
        if (Kept.TryGetValue(key, out var samples))
        {
            return samples;
        }

        samples = Render(key);
        lock (Gate)
        {
            if (Kept.TryGetValue(key, out var other))
            {
                return other;
            }

            if (held + samples.Length > BudgetSamples)
            {
                Kept.Clear();
                held = 0;
            }

            Kept[key] = samples;
            held += samples.Length;
        }

        return samples;
    }

    private static float[] Render(in OneShot key)
    {
        var seed = (((2166136261u ^ (uint)key.Sound) * 16777619u ^ (uint)key.Pitch) * 16777619u ^ (uint)key.Take) * 16777619u;
        var voice = new DrumVoice(key.Sound, key.Kit, new NoteContext(key.Pitch, 1f, 0.5f, key.SampleRate, seed, 0f));
        var samples = new float[Math.Max(1, (int)MathF.Ceiling(voice.LengthSeconds * key.SampleRate))];
        voice.Render(samples);

        // The hit stops at its length: fade the last stretch so the stop does not click.
        var fade = Math.Min(samples.Length / 4, (int)(0.03f * key.SampleRate));
        for (var i = 0; i < fade; i++)
        {
            samples[samples.Length - 1 - i] *= (float)i / fade;
        }

        return samples;
    }

    private readonly record struct OneShot(DrumKitStyle Kit, DrumSound Sound, int Pitch, int Take, float SampleRate);
}
