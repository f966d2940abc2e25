using System.Runtime.Intrinsics;

namespace MusicGen.Engine.Mastering;

/// <summary>
/// A <see cref="Biquad"/>'s coefficients and state for both channels at once (left and right in the two
/// lanes of a vector), in double precision. <see cref="LoudnessMeter"/> runs the recursion on locals.
/// </summary>
internal struct StereoBiquad(Biquad coefficients)
{
    public readonly Vector128<double> B0 = Vector128.Create(coefficients.B0), B1 = Vector128.Create(coefficients.B1), B2 = Vector128.Create(coefficients.B2);
    public readonly Vector128<double> A1 = Vector128.Create(coefficients.A1), A2 = Vector128.Create(coefficients.A2);
    public Vector128<double> X1, X2, Y1, Y2;
}
