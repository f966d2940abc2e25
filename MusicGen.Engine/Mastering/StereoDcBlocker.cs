using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// The master's DC blocker: a first-order high-pass, y[n] = a·(y[n−1] + x[n] − x[n−1]), on both channels of interleaved
/// stereo, four frames per step. At 10 Hz it takes out any offset and passes the lowest notes we write (an 808 at E1,
/// 41 Hz, loses 0.25 dB; 60 Hz 0.1 dB), as a second-order filter at 20 Hz did, for less than half its work: a step's
/// four outputs are the state times a, a², a³, a⁴ plus a running sum of the four differences, each scaled once.
/// </summary>
internal sealed class StereoDcBlocker
{
    private const int Frames = 4;

    private readonly float a;

    /// <summary>a^(k+1) on frame k's two lanes: how far the state before the step reaches each frame.</summary>
    private readonly Vector256<float> fromState;

    /// <summary>a, a², a³ on the lanes a difference one, two and three frames earlier reaches (zeros where none does).</summary>
    private readonly Vector256<float> back1, back2, back3;

    // The last input frame and the last output frame, per channel.
    private float lastInLeft, lastInRight, lastOutLeft, lastOutRight;

    public StereoDcBlocker(float cutoffHz, float sampleRate)
    {
        a = MathF.Exp(-2f * MathF.PI * cutoffHz / sampleRate);
        var (a2, a3) = (a * a, a * a * a);
        fromState = Vector256.Create(a, a, a2, a2, a3, a3, a3 * a, a3 * a);
        back1 = Vector256.Create(0f, 0f, a, a, a, a, a, a);
        back2 = Vector256.Create(0f, 0f, 0f, 0f, a2, a2, a2, a2);
        back3 = Vector256.Create(0f, 0f, 0f, 0f, 0f, 0f, a3, a3);
    }

    /// <summary>Filters interleaved stereo in place.</summary>
    public void Process(Span<float> interleaved)
    {
        var frames = interleaved.Length / 2;
        var n = 0;
        if (Vector256.IsHardwareAccelerated && frames >= Frames)
        {
            var gain = Vector256.Create(a);
            var previous = Vector256.Create(0f, 0f, 0f, 0f, 0f, 0f, lastInLeft, lastInRight);
            var acrossStep = Vector256.Create(fromState.GetElement(6));
            var state = Vector256.Create(lastOutLeft, lastOutRight, lastOutLeft, lastOutRight, lastOutLeft, lastOutRight, lastOutLeft, lastOutRight);
            var firstFrame = Vector256.Create(-1, -1, 0, 0, 0, 0, 0, 0).AsSingle();
            ref var samples = ref MemoryMarshal.GetReference(interleaved);
            for (; n + Frames <= frames; n += Frames)
            {
                var x = Vector256.LoadUnsafe(ref samples, (nuint)(2 * n));

                // The frame before each: this step's frames moved up one, the last step's last frame in front.
                var before = Vector256.ConditionalSelect(
                    firstFrame,
                    Vector256.Shuffle(previous, Vector256.Create(6, 7, 0, 0, 0, 0, 0, 0)),
                    Vector256.Shuffle(x, Vector256.Create(0, 0, 0, 1, 2, 3, 4, 5)));
                var u = (x - before) * gain;

                // y_k = u_k + a·u_(k−1) + a²·u_(k−2) + a³·u_(k−3) + a^(k+1)·y₋₁. The next state, the last frame's output,
                // is taken from the step's sum and the state directly, so the recursion's path per step is one multiply
                // and one add.
                var sum = u + (Vector256.Shuffle(u, Vector256.Create(0, 0, 0, 1, 2, 3, 4, 5)) * back1)
                    + ((Vector256.Shuffle(u, Vector256.Create(0, 0, 0, 0, 0, 1, 2, 3)) * back2)
                    + (Vector256.Shuffle(u, Vector256.Create(0, 0, 0, 0, 0, 0, 0, 1)) * back3));
                (sum + (state * fromState)).StoreUnsafe(ref samples, (nuint)(2 * n));
                previous = x;
                state = Vector256.Shuffle(sum, Vector256.Create(6, 7, 6, 7, 6, 7, 6, 7)) + (state * acrossStep);
            }

            (lastInLeft, lastInRight, lastOutLeft, lastOutRight) = (previous.GetElement(6), previous.GetElement(7), state.GetElement(0), state.GetElement(1));
        }

        for (; n < frames; n++)
        {
            interleaved[2 * n] = Tick(interleaved[2 * n], ref lastInLeft, ref lastOutLeft);
            interleaved[2 * n + 1] = Tick(interleaved[2 * n + 1], ref lastInRight, ref lastOutRight);
        }
    }

    private float Tick(float x, ref float lastIn, ref float lastOut)
    {
        lastOut = (lastOut * a) + ((x - lastIn) * a);
        lastIn = x;
        return lastOut;
    }
}
