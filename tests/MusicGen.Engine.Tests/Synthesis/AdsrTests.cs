using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Tests.Synthesis;

public sealed class AdsrTests
{
    private const float Rate = 44100f;

    [Theory]
    [InlineData(5f, 0.8f)]
    [InlineData(1.4f, 0.8f)]
    [InlineData(0.09f, 0.85f)]
    public void AReleaseEndsWhereItFallsSixtyDecibelsUnderThePeak(float release, float sustain)
    {
        // The curve heads 80 dB down within the release time and is cut where it passes −60 dB: from a sustain s that
        // is ln(s / 0.0011) / ln(10001) of the release time (3.6 s of a pad's 5 s), and the step to silence is no
        // larger than −60 dB.
        var envelope = new Adsr(0.01f, 0.1f, sustain, release, Rate);
        for (var n = 0; n < (int)Rate; n++)
        {
            envelope.Next();
        }

        envelope.Release();
        var values = new List<float>();
        for (var step = 0; step < (int)(release * Rate / 8) + 8 && !envelope.IsIdle; step++)
        {
            var eight = envelope.Next8();
            for (var i = 0; i < 8; i++)
            {
                values.Add(eight[i]);
            }
        }

        envelope.IsIdle.ShouldBeTrue();
        var sounding = values.FindIndex(v => v == 0f);
        var expected = release * Math.Log((sustain + 1e-4) / 1.1e-3) / Math.Log(10001);
        ((double)sounding / Rate).ShouldBe(expected, 0.03 * expected);
        values[sounding - 1].ShouldBeInRange(1e-3f, 1.1e-3f);
        values.Skip(sounding).ShouldAllBe(v => v == 0f);
    }

    [Fact]
    public void ADecayToNothingEndsSixtyDecibelsDown()
    {
        // An 808's envelope (sustain 0): the voice ends where the decay passes −60 dB, sample by sample as eight at a time.
        var single = new Adsr(0.002f, 1.6f, 0f, 0.25f, Rate);
        var block = single;
        var last = 0f;
        var n = 0;
        for (; !single.IsIdle; n++)
        {
            var value = single.Next();
            last = value > 0 ? value : last;
        }

        last.ShouldBeInRange(1e-3f, 1.1e-3f);
        var steps = 0;
        while (!block.IsIdle)
        {
            block.Next8();
            steps++;
        }

        (8 * steps).ShouldBeInRange(n, n + 8);
        ((double)n / Rate).ShouldBe(1.6 * Math.Log(1.0001 / 1.1e-3) / Math.Log(10001), 0.05);
    }
}
