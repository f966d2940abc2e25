using MusicGen.Engine.Effects;
using MusicGen.Engine.Tests.Rendering;

namespace MusicGen.Engine.Tests.Effects;

/// <summary>The vectorised compressor gives what its scalar definition gives, to float rounding.</summary>
public sealed class CompressorTests
{
    [Theory]
    [InlineData(0f)]
    [InlineData(3f)]
    public void MatchesTheScalarDefinition(float makeupDb)
    {
        // Bursts over the knee (attack, release), quiet stretches under it (no reduction) and silence.
        var random = new Random(3);
        var frames = 3 * 44100;
        var pcm = new float[2 * frames];
        for (var n = 0; n < frames; n++)
        {
            var level = (n / 4410 % 4) switch { 0 => 0.9f, 1 => 0.05f, 2 => 0f, _ => 0.4f };
            pcm[2 * n] = level * (float)(random.NextDouble() * 2 - 1);
            pcm[2 * n + 1] = level * MathF.Sin(n * 0.01f);
        }

        var compressor = new Compressor(44100, -10f, 2f, 6f, 15f, 200f, makeupDb);
        var reference = new ScalarCompressor(44100, -10f, 2f, 6f, 15f, 200f, makeupDb);
        var output = new List<float>();
        var expected = new List<float>();
        Reference.InUnevenBlocks(pcm, block =>
        {
            var copy = (float[])block.Clone();
            compressor.Process(block);
            output.AddRange(block);
            reference.Process(copy);
            expected.AddRange(copy);
        });

        var worst = expected.Select((x, i) => Math.Abs(x - output[i])).Max();
        worst.ShouldBeLessThan(1e-5f);

        // It does compress: a loud burst comes out quieter once the attack has caught it.
        var burst = Enumerable.Range(2 * 2205, 2 * 2205).ToArray();
        burst.Sum(i => MathF.Abs(output[i])).ShouldBeLessThan(0.9f * burst.Sum(i => MathF.Abs(pcm[i])));
    }

    /// <summary>The compressor's definition, sample block by sample block: per eight frames, the level in dB of their peak, the gain computer, attack/release smoothing, a linear gain ramp.</summary>
    private sealed class ScalarCompressor(float sampleRate, float thresholdDb, float ratio, float kneeDb, float attackMs, float releaseMs, float makeupDb)
    {
        private readonly float attack = MathF.Exp(-1f / (attackMs * 0.001f * sampleRate));
        private readonly float release = MathF.Exp(-1f / (releaseMs * 0.001f * sampleRate));
        private readonly float kneeStart = MathF.Pow(10f, (thresholdDb - kneeDb / 2f) / 20f);
        private float smoothedReduction;
        private float lastGain = 1f;

        public void Process(float[] interleaved)
        {
            for (var start = 0; start + 1 < interleaved.Length; start += 16)
            {
                var count = Math.Min(16, interleaved.Length - start) & ~1;
                var peak = 0f;
                for (var i = start; i < start + count; i++)
                {
                    peak = Math.Max(peak, MathF.Abs(interleaved[i]));
                }

                var frames = count / 2;
                if (peak < kneeStart && smoothedReduction < 1e-4f && makeupDb == 0f)
                {
                    smoothedReduction *= MathF.Pow(release, frames);
                    lastGain = 1f;
                    continue;
                }

                var levelDb = 20f * MathF.Log10(peak + 1e-9f);
                var reduction = levelDb - GainComputer(levelDb);
                var coef = MathF.Pow(reduction > smoothedReduction ? attack : release, frames);
                smoothedReduction = coef * smoothedReduction + (1f - coef) * reduction;
                var gain = MathF.Pow(10f, (makeupDb - smoothedReduction) / 20f);
                var step = (gain - lastGain) / frames;
                for (var n = 0; n < frames; n++)
                {
                    var g = lastGain + step * (n + 1);
                    interleaved[start + 2 * n] *= g;
                    interleaved[start + 2 * n + 1] *= g;
                }

                lastGain = gain;
            }
        }

        private float GainComputer(float levelDb)
        {
            var over = 2f * (levelDb - thresholdDb);
            if (over < -kneeDb)
            {
                return levelDb;
            }

            if (over <= kneeDb)
            {
                var x = levelDb - thresholdDb + kneeDb / 2f;
                return levelDb + (1f / ratio - 1f) * x * x / (2f * kneeDb);
            }

            return thresholdDb + (levelDb - thresholdDb) / ratio;
        }
    }
}
