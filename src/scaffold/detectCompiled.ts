/**
 * Compiled platforms: Go (go.mod, the main package), Rust (Cargo.toml, the binary),
 * Java (Maven's pom.xml or Gradle's build file, with or without the wrapper) and .NET
 * (a .csproj: assembly name, target framework, web or console SDK).
 */
import type { ProjectFiles } from './files';
import { findPort } from './portHints';
import type { Detected } from './types';

type Found = { candidates: Detected[]; name?: string };
const lastSegment = (value: string) => value.split('/').filter(Boolean).pop() ?? value;

export async function detectGo(files: ProjectFiles): Promise<Found> {
  const gomod = await files.read('go.mod');
  if (gomod === undefined) return { candidates: [] };
  const module = /^module\s+(\S+)/m.exec(gomod)?.[1] ?? files.folderName;
  const goVersion = /^go\s+(\d+\.\d+)/m.exec(gomod)?.[1];
  const root = await files.list();
  let mainPackage = '.';
  let mainFile = root.includes('main.go') ? 'main.go' : undefined;
  if (!mainFile) {
    for (const command of await files.list('cmd')) {
      if ((await files.read(`cmd/${command}/main.go`)) !== undefined) {
        mainPackage = `./cmd/${command}`;
        mainFile = `cmd/${command}/main.go`;
        break;
      }
    }
  }
  const binary = mainPackage === '.' ? lastSegment(module) : lastSegment(mainPackage);
  const found = findPort(mainFile ? await files.read(mainFile) : undefined);
  return {
    candidates: [{ facts: { platform: 'go', module, mainPackage, binary, sums: root.includes('go.sum'), ...(goVersion ? { goVersion } : {}) }, port: found ?? 8080, portFound: found !== undefined, evidence: ['go.mod', ...(mainFile ? [mainFile] : [])] }],
    name: binary,
  };
}

export async function detectRust(files: ProjectFiles): Promise<Found> {
  const cargo = await files.read('Cargo.toml');
  if (cargo === undefined) return { candidates: [] };
  const section = (name: string) => new RegExp(`^\\[\\[?${name.replace('.', '\\.')}\\]\\]?\\s*$([\\s\\S]*?)(?=^\\[|(?![\\s\\S]))`, 'm').exec(cargo)?.[1] ?? '';
  const nameIn = (text: string) => /^\s*name\s*=\s*"([^"]+)"/m.exec(text)?.[1];
  const packageName = nameIn(section('package')) ?? files.folderName;
  const binary = nameIn(section('bin')) ?? packageName;
  const locked = (await files.read('Cargo.lock')) !== undefined;
  const found = findPort(await files.read('src/main.rs'));
  return {
    candidates: [{ facts: { platform: 'rust', binary, locked }, port: found ?? 8080, portFound: found !== undefined, evidence: ['Cargo.toml', ...(locked ? ['Cargo.lock'] : [])] }],
    name: packageName,
  };
}

export async function detectJava(files: ProjectFiles): Promise<Found> {
  const root = new Set(await files.list());
  const pom = await files.read('pom.xml');
  const gradleFile = ['build.gradle.kts', 'build.gradle'].find((f) => root.has(f));
  if (pom === undefined && !gradleFile) return { candidates: [] };
  const properties = [await files.read('src/main/resources/application.properties'), await files.read('src/main/resources/application.yml'), await files.read('src/main/resources/application.yaml')];
  const found = findPort(...properties);
  const port = { port: found ?? 8080, portFound: found !== undefined };
  if (pom !== undefined) {
    const release = /<(?:maven\.compiler\.release|java\.version|maven\.compiler\.target)>(\d+)</.exec(pom)?.[1];
    // The project's own artifactId follows <parent>...</parent>, when there is one.
    const name = /<artifactId>([^<]+)<\/artifactId>/.exec(pom.replace(/<parent>[\s\S]*?<\/parent>/, ''))?.[1];
    const wrapper = root.has('mvnw');
    return {
      candidates: [{ facts: { platform: 'java', build: 'maven', wrapper, ...(release ? { javaVersion: Number(release) } : {}) }, ...port, evidence: ['pom.xml', ...(wrapper ? ['mvnw'] : [])] }],
      ...(name ? { name } : {}),
    };
  }
  const gradle = (await files.read(gradleFile!)) ?? '';
  const release = /JavaLanguageVersion\.of\((\d+)\)/.exec(gradle)?.[1] ?? /VERSION_(\d+)/.exec(gradle)?.[1];
  const settings = (await files.read('settings.gradle.kts')) ?? (await files.read('settings.gradle')) ?? '';
  const name = /rootProject\.name\s*=\s*["']([^"']+)["']/.exec(settings)?.[1];
  const wrapper = root.has('gradlew');
  const application = /^\s*(application|id\s*\(?\s*["']application["'])/m.test(gradle) && !/org\.springframework\.boot/.test(gradle) ? (name ?? files.folderName) : undefined;
  return {
    candidates: [{ facts: { platform: 'java', build: 'gradle', wrapper, ...(release ? { javaVersion: Number(release) } : {}), ...(application ? { application } : {}) }, ...port, evidence: [gradleFile!, ...(wrapper ? ['gradlew'] : [])] }],
    ...(name ? { name } : {}),
  };
}

/** The .csproj at the top, else one folder down (src/Api/Api.csproj, Api/Api.csproj). */
async function findProjectFile(files: ProjectFiles): Promise<string | undefined> {
  const root = await files.list();
  const top = root.find((f) => f.endsWith('.csproj'));
  if (top) return top;
  const folders = [...(await files.list('src')).map((f) => `src/${f}`), ...root];
  for (const folder of folders) {
    const found = (await files.list(folder)).find((f) => f.endsWith('.csproj'));
    if (found) return `${folder}/${found}`;
  }
  return undefined;
}

export async function detectDotnet(files: ProjectFiles): Promise<Found> {
  const projectFile = await findProjectFile(files);
  if (!projectFile) return { candidates: [] };
  const csproj = (await files.read(projectFile)) ?? '';
  const assembly = /<AssemblyName>([^<]+)</.exec(csproj)?.[1] ?? lastSegment(projectFile).replace(/\.csproj$/, '');
  const framework = /<TargetFrameworks?>net(\d+\.\d+)/.exec(csproj)?.[1] ?? '8.0';
  const web = /Sdk="Microsoft\.NET\.Sdk\.Web"/.test(csproj);
  // ASP.NET Core images listen on 8080 (ASPNETCORE_HTTP_PORTS); launchSettings.json holds dev ports only.
  return {
    candidates: [{ facts: { platform: 'dotnet', projectFile, assembly, framework, web }, port: 8080, portFound: false, evidence: [projectFile] }],
    name: assembly,
  };
}
