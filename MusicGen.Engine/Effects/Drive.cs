using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MusicGen.Engine.Synthesis;

namespace MusicGen.Engine.Effects;

/// <summary>Guitar-amp style soft clipping followed by a cabinet-like low-pass around 5 kHz.</summary>
/// <remarks>Eight samples per step: both filters as <see cref="BlockSvf"/>, the clipper across the lanes.</remarks>
public sealed class Drive
{
    private const int Lanes = 8;

    private readonly float preGain;
    private BlockSvf cabinet;
    private BlockSvf lowCut;

    public Drive(float sampleRate, float preGain, float cabinetHz = 5000f)
    {
        this.preGain = preGain;
        cabinet.Set(cabinetHz, 0.8f, sampleRate, bandPass: false);
        lowCut.SetHighPass(90f, 0.7f, sampleRate);
    }

    /// <remarks>
    /// Each stage runs over the whole block before the next (the filters keep their state in registers across steps;
    /// stepping them in turn, eight samples at a time, made every step wait on the other filter's state in memory).
    /// </remarks>
    public void Process(Span<float> mono)
    {
        var whole = mono.Length & ~(Lanes - 1);
        ref var samples = ref MemoryMarshal.GetReference(mono);
        lowCut.ProcessInPlace(ref samples, whole);
        var gain = Vector256.Create(preGain);
        for (var i = 0; i < whole; i += Lanes)
        {
            var x = Vector256.LoadUnsafe(ref samples, (nuint)i) * gain;
            (x / (Vector256<float>.One + Vector256.Abs(x))).StoreUnsafe(ref samples, (nuint)i);
        }

        cabinet.ProcessInPlace(ref samples, whole);
        var level = Vector256.Create(0.7f);
        for (var i = 0; i < whole; i += Lanes)
        {
            (Vector256.LoadUnsafe(ref samples, (nuint)i) * level).StoreUnsafe(ref samples, (nuint)i);
        }

        for (var n = whole; n < mono.Length; n++)
        {
            var x = lowCut.Tick(mono[n]) * preGain;
            mono[n] = cabinet.Tick(x / (1f + MathF.Abs(x))) * 0.7f;
        }
    }
}
