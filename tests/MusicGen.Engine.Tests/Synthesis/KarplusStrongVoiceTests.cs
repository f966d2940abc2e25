using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Synthesis;

public sealed class KarplusStrongVoiceTests
{
    [Theory]
    [InlineData(40, 3.5f, 0.7f)]
    [InlineData(52, 2.5f, 0.6f)]
    [InlineData(76, 0.9f, 0.85f)]
    [InlineData(100, 1.2f, 0.35f)]
    public void EightSamplesAtATimeSoundLikeOneAtATime(int pitch, float decay, float brightness)
    {
        // Calls of seven samples never take the eight-sample steps: the sample-by-sample definition.
        var note = new NoteContext(pitch, 0.8f, 0.5f, 44100f, 9, 1f);
        var reference = Play(new KarplusStrongVoice(note, decay, brightness, 0.9f), 7);
        var stepped = Play(new KarplusStrongVoice(note, decay, brightness, 0.9f), 256);

        reference.Max(MathF.Abs).ShouldBeGreaterThan(0.1f);
        var worst = reference.Zip(stepped, (a, b) => MathF.Abs(a - b)).Max();
        worst.ShouldBeLessThan(1e-4f);
    }

    [Fact]
    public void AReleasedStringFallsSilentAndEnds()
    {
        var voice = new KarplusStrongVoice(new NoteContext(45, 1f, 0.5f, 44100f, 4, 0.5f), 3.5f, 0.7f, 0.9f);
        var block = new float[256];
        voice.Render(block);
        voice.NoteOff();
        var blocks = 0;
        while (voice.Render(block.AsSpan()) && blocks < 1000)
        {
            blocks++;
        }

        // The release takes the string down 60 dB in 0.12 s: it ends within a second, not after its 3.5 s decay.
        blocks.ShouldBeLessThan(44100 / 256);
    }

    /// <summary>Half a second held, then released, in calls of <paramref name="size"/> samples (at most three seconds).</summary>
    private static float[] Play(KarplusStrongVoice voice, int size)
    {
        var output = new float[44100 * 3];
        for (var start = 0; start < output.Length; start += size)
        {
            if (start <= 22050 && start + size > 22050)
            {
                voice.Render(output.AsSpan(start, 22050 - start));
                voice.NoteOff();
                voice.Render(output.AsSpan(22050, Math.Min(start + size, output.Length) - 22050));
                continue;
            }

            voice.Render(output.AsSpan(start, Math.Min(size, output.Length - start)));
        }

        return output;
    }
}
