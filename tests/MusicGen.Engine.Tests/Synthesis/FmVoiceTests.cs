using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Synthesis;

public sealed class FmVoiceTests
{
    private const float SampleRate = 44100f;

    public static TheoryData<string, int> Notes => new()
    {
        { "bell", 72 },
        { "bell", 96 },
        { "dark bell", 60 },
        { "e-piano", 48 },
        { "lo-fi keys", 64 },
        { "lo-fi keys", 100 },
    };

    [Theory]
    [MemberData(nameof(Notes))]
    public void SoundsLikeTheSampleBySampleDefinition(string name, int pitch)
    {
        var patch = Patch(name);
        var note = new NoteContext(pitch, 0.8f, 0.6f, SampleRate, 5, 1f);

        // Blocks of 253 samples make the voice take partial steps too.
        var voice = Play(new FmVoice(patch, note), 253, out var ended);
        var reference = Reference(patch, note);

        var peak = reference.Max(MathF.Abs);
        peak.ShouldBeGreaterThan(0.1f);
        ended.ShouldBeGreaterThan(0);
        var worst = 0f;
        for (var n = 0; n < ended; n++)
        {
            worst = MathF.Max(worst, MathF.Abs(voice[n] - reference[n]));
        }

        // The voice's float phases (and its phasors) wander from the exact ones by a few 1e-4 of the peak over seconds,
        // and its carriers become plain sines once the modulation is below −80 dB.
        (worst / peak).ShouldBeLessThan(6e-4f);
        voice.AsSpan(ended).ToArray().ShouldAllBe(v => v == 0f);
    }

    private static FmPatch Patch(string name) => name switch
    {
        "bell" => new FmPatch(3.5f, 2.2f, 0.8f, 2.4f, 1.2f) { Level = 0.5f, Detune = 0.001f },
        "dark bell" => new FmPatch(3.5f, 1.1f, 0.3f, 1.8f, 0.8f) { Level = 0.6f, Detune = 0.0015f },
        "e-piano" => new FmPatch(1f, 1.4f, 0.35f, 1.6f, 0.25f) { TineRatio = 14f, TineLevel = 0.25f, Level = 0.8f },
        _ => new FmPatch(1f, 0.9f, 0.3f, 1.4f, 0.3f) { TineRatio = 14f, TineLevel = 0.12f, TremoloHz = 4.5f, Level = 0.8f },
    };

    /// <summary>One second held, then released, in calls of <paramref name="size"/> samples, for at most twelve seconds.</summary>
    private static float[] Play(FmVoice voice, int size, out int ended)
    {
        var output = new float[(int)SampleRate * 12];
        var release = (int)SampleRate;
        var start = 0;
        while (start < output.Length)
        {
            var count = Math.Min(size, output.Length - start);
            if (start < release && start + count > release)
            {
                count = release - start;
            }

            if (!voice.Render(output.AsSpan(start, count)))
            {
                ended = start + count;
                return output;
            }

            start += count;
            if (start == release)
            {
                voice.NoteOff();
            }
        }

        ended = output.Length;
        return output;
    }

    /// <summary>The voice one sample at a time in double precision, its modulator never switched off.</summary>
    private static float[] Reference(FmPatch patch, NoteContext note)
    {
        var frequency = 440f * MathF.Pow(2f, (note.Pitch - 69f) / 12f);
        var carrierIncrement = frequency / note.SampleRate;
        var detunedIncrement = carrierIncrement * (1f + patch.Detune);
        double modulatorIncrement = carrierIncrement * patch.Ratio;
        double tineIncrement = carrierIncrement * patch.TineRatio;
        double tremoloIncrement = patch.TremoloHz / note.SampleRate;
        var keyScale = Math.Min(1f, 600f / (frequency * Math.Max(1f, patch.Ratio)));
        double index = patch.Index * (0.5f + 0.7f * note.Velocity) * (0.8f + 0.4f * note.Energy) * (0.35f + 0.65f * keyScale);
        double indexDecay = MathF.Exp(-1f / (patch.IndexDecay * note.SampleRate));
        double tineLevel = tineIncrement < 0.45 ? patch.TineLevel : 0;
        var decay = patch.Decay * MathF.Pow(261.6f / frequency, 0.35f);
        double ampDecay = MathF.Exp(-1f / (decay * note.SampleRate));
        double releaseDecay = MathF.Exp(-1f / (patch.Release * note.SampleRate));
        double amplitude = patch.Level * note.Velocity * 0.66f;
        var level = 1.0;
        var output = new float[(int)SampleRate * 12];
        for (var n = 0; n < output.Length; n++)
        {
            var mod = Math.Sin(2 * Math.PI * ((n * modulatorIncrement) % 1)) * index;
            var y = Math.Sin(2 * Math.PI * (((n * (double)carrierIncrement) % 1) + mod))
                + (0.5 * Math.Sin(2 * Math.PI * (((n * (double)detunedIncrement) % 1) + (0.7 * mod))));

            // The voice drops the tine below 1e-4 at a step's boundary; the step is ignored here (below −90 dB).
            if (tineLevel > 1e-4)
            {
                y += Math.Sin(2 * Math.PI * ((n * tineIncrement) % 1)) * tineLevel;
            }

            if (tremoloIncrement > 0)
            {
                y *= 1 + (0.15 * Math.Sin(2 * Math.PI * ((n * tremoloIncrement) % 1)));
            }

            output[n] = (float)(y * level * amplitude);
            index *= indexDecay;
            tineLevel *= indexDecay * indexDecay;
            level = patch.Sustain + ((level - patch.Sustain) * (n + 1 <= SampleRate ? ampDecay : 1));
            if (n + 1 > SampleRate)
            {
                level *= releaseDecay;
            }
        }

        return output;
    }
}
