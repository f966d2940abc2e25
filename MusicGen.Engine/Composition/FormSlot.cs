namespace MusicGen.Engine.Composition;

/// <summary>One section of a genre's default form: bars at the template's nominal length and its energy.</summary>
public sealed record FormSlot(string Name, SectionRole Role, int Bars, double Energy);
