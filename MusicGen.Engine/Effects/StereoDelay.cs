using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Effects;

/// <summary>Tempo-synced ping-pong delay with a darkening feedback path (each repeat a little duller).</summary>
/// <remarks>
/// A stretch of the ring up to its end is read before any of it is written again, so the delayed samples of a
/// stretch are added to the output in one vector pass, the two one-pole tone filters (the only recursion) run
/// alone, eight samples per step, and leave their outputs in the ring, and a last vector pass turns those into the
/// values to write.
/// </remarks>
public sealed class StereoDelay
{
    private readonly float[] left, right;
    private readonly float feedback;
    private int index;
    private float toneLeft, toneRight;

    public StereoDelay(float sampleRate, double delaySeconds, float feedback)
    {
        var length = Math.Max(1, (int)(delaySeconds * sampleRate));
        left = new float[length];
        right = new float[length];
        this.feedback = feedback;
    }

    public void Process(ReadOnlySpan<float> sendLeft, ReadOnlySpan<float> sendRight, Span<float> outLeft, Span<float> outRight)
    {
        var frames = outLeft.Length;
        if (sendLeft.Length < frames || sendRight.Length < frames || outRight.Length < frames)
        {
            throw new ArgumentException("Every span must hold the block's frames.");
        }

        for (var start = 0; start < frames;)
        {
            var count = Math.Min(frames - start, left.Length - index);
            var ringL = left.AsSpan(index, count);
            var ringR = right.AsSpan(index, count);
            Add(ringL, outLeft.Slice(start, count));
            Add(ringR, outRight.Slice(start, count));
            Tone(ringL, ringR);
            Feed(sendLeft.Slice(start, count), sendRight.Slice(start, count), ringL, ringR);
            index = index + count == left.Length ? 0 : index + count;
            start += count;
        }
    }

    private static void Add(ReadOnlySpan<float> delayed, Span<float> output)
    {
        var n = 0;
        for (; n + Vector256<float>.Count <= delayed.Length; n += Vector256<float>.Count)
        {
            (Vector256.Create<float>(output[n..]) + Vector256.Create<float>(delayed[n..])).CopyTo(output[n..]);
        }

        for (; n < delayed.Length; n++)
        {
            output[n] += delayed[n];
        }
    }

    /// <summary>Runs both tone filters over the delayed samples, leaving the left filter's output in <paramref name="right"/> and the right one's in <paramref name="left"/> (ping-pong).</summary>
    /// <remarks>
    /// The one-pole y[n] = y[n−1] + 0.35 (x[n] − y[n−1]) runs eight samples per step as a block state-space update:
    /// the eight outputs are the carried state times 0.65^(k+1) plus the step's inputs through the filter's impulse
    /// response, so only one value a step is carried from step to step instead of a multiply-add chain per sample.
    /// </remarks>
    private void Tone(Span<float> left, Span<float> right)
    {
        var tl = toneLeft;
        var tr = toneRight;
        var n = 0;
        if (left.Length >= Vector256<float>.Count)
        {
            // The columns in registers for the whole run; eight products per channel and step.
            var carry = ToneCarry;
            var (c0, c1, c2, c3) = (ToneResponse[0], ToneResponse[1], ToneResponse[2], ToneResponse[3]);
            var (c4, c5, c6, c7) = (ToneResponse[4], ToneResponse[5], ToneResponse[6], ToneResponse[7]);
            ref var l = ref MemoryMarshal.GetReference(left);
            ref var r = ref MemoryMarshal.GetReference(right[..left.Length]);
            for (; n + Vector256<float>.Count <= left.Length; n += Vector256<float>.Count)
            {
                ref var xl = ref Unsafe.Add(ref l, n);
                ref var xr = ref Unsafe.Add(ref r, n);
                var yl = Response(ref xl, c0, c1, c2, c3, c4, c5, c6, c7) + carry * tl;
                var yr = Response(ref xr, c0, c1, c2, c3, c4, c5, c6, c7) + carry * tr;
                yr.StoreUnsafe(ref xl);
                yl.StoreUnsafe(ref xr);
                tl = yl.GetElement(7);
                tr = yr.GetElement(7);
            }
        }

        for (; n < left.Length; n++)
        {
            var delayedL = left[n];
            var delayedR = right[n];
            tl += 0.35f * (delayedL - tl);
            tr += 0.35f * (delayedR - tr);
            left[n] = tr;
            right[n] = tl;
        }

        toneLeft = tl;
        toneRight = tr;
    }

    /// <summary>A step's eight inputs through the impulse response, summed as a tree: only the carried state waits for the step before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Response(
        ref float x, Vector256<float> c0, Vector256<float> c1, Vector256<float> c2, Vector256<float> c3,
        Vector256<float> c4, Vector256<float> c5, Vector256<float> c6, Vector256<float> c7) =>
        ((Vector256.Create(x) * c0) + (Vector256.Create(Unsafe.Add(ref x, 1)) * c1))
        + ((Vector256.Create(Unsafe.Add(ref x, 2)) * c2) + (Vector256.Create(Unsafe.Add(ref x, 3)) * c3))
        + (((Vector256.Create(Unsafe.Add(ref x, 4)) * c4) + (Vector256.Create(Unsafe.Add(ref x, 5)) * c5))
        + ((Vector256.Create(Unsafe.Add(ref x, 6)) * c6) + (Vector256.Create(Unsafe.Add(ref x, 7)) * c7)));

    /// <summary>0.65^(k+1) for k = 0…7: how much of the carried state reaches a step's k-th output.</summary>
    private static readonly Vector256<float> ToneCarry = Vector256.Create(Enumerable.Range(0, 8).Select(k => (float)Math.Pow(0.65, k + 1)).ToArray());

    /// <summary>Column j: how the step's j-th input reaches its outputs (0.35 · 0.65^(k−j) for k ≥ j, else 0).</summary>
    private static readonly Vector256<float>[] ToneResponse = Enumerable.Range(0, 8)
        .Select(j => Vector256.Create(Enumerable.Range(0, 8).Select(k => k < j ? 0f : (float)(0.35 * Math.Pow(0.65, k - j))).ToArray()))
        .ToArray();

    /// <summary>ring left = (send left + send right) / 2 + tone right × feedback, ring right = tone left × feedback.</summary>
    private void Feed(ReadOnlySpan<float> sendLeft, ReadOnlySpan<float> sendRight, Span<float> left, Span<float> right)
    {
        var half = Vector256.Create(0.5f);
        var gain = Vector256.Create(feedback);
        var n = 0;
        for (; n + Vector256<float>.Count <= left.Length; n += Vector256<float>.Count)
        {
            var send = (Vector256.Create<float>(sendLeft[n..]) + Vector256.Create<float>(sendRight[n..])) * half;
            (send + Vector256.Create<float>(left[n..]) * gain).CopyTo(left[n..]);
            (Vector256.Create<float>(right[n..]) * gain).CopyTo(right[n..]);
        }

        for (; n < left.Length; n++)
        {
            left[n] = (sendLeft[n] + sendRight[n]) * 0.5f + left[n] * feedback;
            right[n] *= feedback;
        }
    }
}
