// WebApplicationFactory<Program> needs a public Program type to find this assembly's entry point.
public partial class Program;
