import * as fs from 'fs';
import * as path from 'path';

/** The parts of the results JSON (src/Rampart.Reporting/Schemas/results.schema.json) the task reports. */
export interface Results {
    images: {
        sbom?: { path: string };
        hardening: { score: number; grade: string };
        lockIn?: { score: number; level: string };
    }[];
    gate: { failed: boolean; reasons: { message: string }[] };
}

/** The results file, or undefined when the engine did not write a readable one. */
export function readResults(file: string): Results | undefined {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
        return undefined;
    }
    return isResults(parsed) ? parsed : undefined;
}

const LockInLevels = ['low', 'moderate', 'high'];

/**
 * The task's output variables, every one always set (empty when it does not apply). With several images the scores
 * are the worst: the lowest hardening score and grade, the highest lock-in score and level, as the action reports them.
 */
export function outputVariables(
    results: Results | undefined,
    files: { results: string; markdown: string; sarif: string },
    workingDirectory: string,
): [string, string][] {
    const existing = (file: string): string => (fs.existsSync(file) ? file : '');
    if (results === undefined) {
        return [
            ['sbomPath', ''],
            ['resultsPath', ''],
            ['sarifPath', existing(files.sarif)],
            ['markdownPath', existing(files.markdown)],
            ['hardeningScore', ''],
            ['hardeningGrade', ''],
            ['lockInScore', ''],
            ['lockInLevel', ''],
            ['gateResult', 'error'],
        ];
    }
    const images = results.images;
    const lockIns = images.flatMap(image => (image.lockIn === undefined ? [] : [image.lockIn]));
    const sboms = images.flatMap(image => (image.sbom === undefined ? [] : [path.resolve(workingDirectory, image.sbom.path)]));
    return [
        ['sbomPath', sboms.join('\n')],
        ['resultsPath', files.results],
        ['sarifPath', existing(files.sarif)],
        ['markdownPath', existing(files.markdown)],
        ['hardeningScore', images.length === 0 ? '' : String(Math.min(...images.map(image => image.hardening.score)))],
        ['hardeningGrade', images.length === 0 ? '' : images.map(image => image.hardening.grade).sort().reverse()[0] ?? ''],
        ['lockInScore', lockIns.length === 0 ? '' : String(Math.round(Math.max(...lockIns.map(l => l.score)) * 10) / 10)],
        ['lockInLevel', lockIns.length === 0 ? '' : LockInLevels[Math.max(...lockIns.map(l => LockInLevels.indexOf(l.level)))] ?? ''],
        ['gateResult', results.gate.failed ? 'failed' : 'passed'],
    ];
}

function isResults(value: unknown): value is Results {
    if (!isObject(value) || !Array.isArray(value['images']) || !isObject(value['gate'])) {
        return false;
    }
    const gate = value['gate'];
    const reasons = gate['reasons'];
    return typeof gate['failed'] === 'boolean'
        && Array.isArray(reasons)
        && reasons.every(reason => isObject(reason) && typeof reason['message'] === 'string')
        && value['images'].every(isImage);
}

function isImage(value: unknown): boolean {
    if (!isObject(value) || !isObject(value['hardening'])) {
        return false;
    }
    const { sbom, hardening, lockIn } = value;
    return typeof hardening['score'] === 'number'
        && typeof hardening['grade'] === 'string'
        && (sbom === undefined || (isObject(sbom) && typeof sbom['path'] === 'string'))
        && (lockIn === undefined || (isObject(lockIn) && typeof lockIn['score'] === 'number' && LockInLevels.includes(String(lockIn['level']))));
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
