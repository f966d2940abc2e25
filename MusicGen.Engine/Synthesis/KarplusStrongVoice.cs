using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Synthesis;

/// <summary>
/// Karplus–Strong plucked string (Jaffe–Smith extensions): a noise burst circulates in a delay line whose
/// averaging loop filter and loss factor set the decay; a first-order allpass tunes the fractional delay.
/// </summary>
/// <remarks>
/// A sample read from the line was written a whole period (at least eight samples) earlier, so eight are read
/// at once; only the allpass is a recursion from one sample to the next, and over eight samples it is a prefix
/// sum with powers of its coefficient, taken in three shifted steps.
/// </remarks>
public sealed class KarplusStrongVoice : Voice
{
    private const int Lanes = 8;
    private const float EnergyCoef = 0.999f;

    /// <summary>Lane k: 0.001 × 0.999^(7 − k), each sample's share of the energy follower after eight samples.</summary>
    private static readonly Vector256<float> EnergyWeights = Vector256.Create([.. Enumerable.Range(0, Lanes).Select(k => 0.001f * MathF.Pow(EnergyCoef, Lanes - 1 - k))]);
    private static readonly float EnergyDecayOfStep = MathF.Pow(EnergyCoef, Lanes);

    private readonly float[] line;
    private readonly Vector256<float> carryPowers;
    private readonly float allpassSquared, allpassFourth;
    private readonly float allpassCoef;
    private float gain;
    private readonly float releaseLoss;
    private readonly float blend;
    private float loss;
    private int position;
    private float previous, allpassState, allpassInput, energy;
    private int silentSamples;

    /// <param name="decaySeconds">Time for the note to fall by 60 dB while held.</param>
    /// <param name="brightness">0 dark (muted, upright bass) … 1 bright (steel string pluck).</param>
    public KarplusStrongVoice(in NoteContext note, float decaySeconds, float brightness, float level)
    {
        var frequency = MidiToHz(note.Pitch);
        var blend = 0.5f + 0.45f * brightness;
        var period = note.SampleRate / frequency - (1f - blend);
        var length = Math.Max(2, (int)MathF.Floor(period));
        var fraction = period - length;
        if (fraction < 0.1f)
        {
            length -= 1;
            fraction += 1f;
        }

        allpassCoef = (1f - fraction) / (1f + fraction);
        allpassSquared = allpassCoef * allpassCoef;
        allpassFourth = allpassSquared * allpassSquared;
        carryPowers = Vector256.Create([.. Enumerable.Range(1, Lanes).Select(k => MathF.Pow(-allpassCoef, k))]);
        line = new float[length];
        this.blend = blend;
        var noise = new Noise(note.Seed);
        var smoothing = 1f - Math.Clamp(brightness * (0.6f + 0.4f * note.Velocity), 0.05f, 0.98f);
        var state = 0f;
        for (var i = 0; i < length; i++)
        {
            state = state * smoothing + noise.Next() * (1f - smoothing);
            line[i] = state;
        }

        var mean = 0f;
        foreach (var v in line)
        {
            mean += v;
        }

        mean /= length;
        var peak = 1e-6f;
        for (var i = 0; i < length; i++)
        {
            line[i] -= mean;
            peak = Math.Max(peak, MathF.Abs(line[i]));
        }

        for (var i = 0; i < length; i++)
        {
            line[i] /= peak;
        }

        var loopsPerSecond = frequency;
        loss = MathF.Pow(0.001f, 1f / (decaySeconds * loopsPerSecond));
        releaseLoss = MathF.Pow(0.001f, 1f / (0.12f * loopsPerSecond));
        gain = level * note.Velocity;
    }

    public override void NoteOff() => loss = Math.Min(loss, releaseLoss);

    public override bool TryScale(float factor)
    {
        gain *= factor;
        return true;
    }

    public override bool Render(Span<float> output)
    {
        var n = 0;
        if (Vector256.IsHardwareAccelerated && line.Length >= Lanes)
        {
            n = RenderEights(output);
        }

        for (; n < output.Length; n++)
        {
            Tick(ref output[n]);
        }

        silentSamples = energy < 2e-4f ? silentSamples + output.Length : 0;
        return silentSamples < 2048;
    }

    /// <summary>Eight samples per step while the line does not wrap inside the step; returns the samples done.</summary>
    private int RenderEights(Span<float> output)
    {
        ref var samples = ref MemoryMarshal.GetArrayDataReference(line);
        var (gainV, lossV, blendV, restV) = (Vector256.Create(gain), Vector256.Create(loss), Vector256.Create(blend), Vector256.Create(1f - blend));
        var coefV = Vector256.Create(allpassCoef);
        var first = Vector256.Create(-1, 0, 0, 0, 0, 0, 0, 0).AsSingle();
        var n = 0;
        for (; n + Lanes <= output.Length; n += Lanes)
        {
            if (position + Lanes > line.Length)
            {
                for (var k = 0; k < Lanes; k++)
                {
                    Tick(ref output[n + k]);
                }

                continue;
            }

            var current = Vector256.LoadUnsafe(ref samples, (nuint)position);

            // Each sample averaged with the one read before it: the lanes moved up by one, the last read in lane 0.
            var before = Vector256.ConditionalSelect(first, Vector256.Create(previous), Vector256.Shuffle(current, Vector256.Create(0, 0, 1, 2, 3, 4, 5, 6)));
            var averaged = (blendV * current) + (restV * before);
            var averagedBefore = Vector256.ConditionalSelect(first, Vector256.Create(allpassInput), Vector256.Shuffle(averaged, Vector256.Create(0, 0, 1, 2, 3, 4, 5, 6)));

            // tuned[k] = u[k] − c·tuned[k − 1] with u[k] = c·averaged[k] + averaged[k − 1]: a prefix sum in powers of −c.
            var tuned = (coefV * averaged) + averagedBefore;
            tuned -= coefV * ShiftUp(tuned, 1);
            tuned += Vector256.Create(allpassSquared) * ShiftUp(tuned, 2);
            tuned += Vector256.Create(allpassFourth) * ShiftUp(tuned, 4);
            tuned += carryPowers * Vector256.Create(allpassState);

            (tuned * lossV).StoreUnsafe(ref samples, (nuint)position);
            (Vector256.Create<float>(output[n..]) + (current * gainV)).CopyTo(output[n..]);
            energy = (energy * EnergyDecayOfStep) + Vector256.Sum(Vector256.Abs(current) * EnergyWeights);
            previous = current[Lanes - 1];
            allpassInput = averaged[Lanes - 1];
            allpassState = tuned[Lanes - 1];
            position += Lanes;
            if (position == line.Length)
            {
                position = 0;
            }
        }

        return n;
    }

    /// <summary>The lanes moved up by <paramref name="by"/> (1, 2 or 4), zeros coming in at the bottom.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ShiftUp(Vector256<float> x, int by)
    {
        var (indices, keep) = by switch
        {
            1 => (Vector256.Create(0, 0, 1, 2, 3, 4, 5, 6), Vector256.Create(0, -1, -1, -1, -1, -1, -1, -1)),
            2 => (Vector256.Create(0, 0, 0, 1, 2, 3, 4, 5), Vector256.Create(0, 0, -1, -1, -1, -1, -1, -1)),
            _ => (Vector256.Create(0, 0, 0, 0, 0, 1, 2, 3), Vector256.Create(0, 0, 0, 0, -1, -1, -1, -1)),
        };
        return Vector256.Shuffle(x, indices) & keep.AsSingle();
    }

    private void Tick(ref float output)
    {
        var current = line[position];
        var averaged = blend * current + (1f - blend) * previous;
        previous = current;
        var tuned = allpassCoef * (averaged - allpassState) + allpassInput;
        allpassInput = averaged;
        allpassState = tuned;
        line[position] = tuned * loss;
        if (++position == line.Length)
        {
            position = 0;
        }

        output += current * gain;
        energy = energy * EnergyCoef + MathF.Abs(current) * 0.001f;
    }
}
