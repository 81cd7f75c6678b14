/**
 * A tiny guidance corpus in the eight languages, written for the tests and the analyzer benchmark:
 * four documents (asylum, housing, work, French classes) and everyday questions that each should
 * find. Not translations of record: short plain sentences of the kind Karfu'R's fiches hold.
 */
import type { SearchLanguage } from '../analyzer.ts';

export type Topic = 'asylum' | 'housing' | 'work' | 'french';
export const TOPICS: readonly Topic[] = ['asylum', 'housing', 'work', 'french'];

export interface SampleDoc {
  title: string;
  body: string;
}

export const SAMPLE_DOCS: Readonly<Record<SearchLanguage, Record<Topic, SampleDoc>>> = {
  fr: {
    asylum: {
      title: "Demander l'asile en France",
      body: "Les demandeurs d'asile déposent leur demande auprès de l'Ofpra après un passage au guichet unique de la préfecture. Pendant l'examen de la demande, ils ont droit à un hébergement et à une allocation.",
    },
    housing: {
      title: 'Trouver un logement',
      body: "Les réfugiés peuvent demander un logement social et des aides au logement de la CAF. Des associations accompagnent la recherche d'un appartement.",
    },
    work: {
      title: 'Travailler en France',
      body: 'Avec un titre de séjour, vous pouvez chercher un emploi. Inscrivez-vous à France Travail pour trouver un travail ou une formation.',
    },
    french: {
      title: 'Apprendre le français',
      body: "Des cours de français gratuits sont proposés par l'OFII et par des associations, pour tous les niveaux, du débutant au niveau avancé.",
    },
  },
  en: {
    asylum: {
      title: 'Applying for asylum in France',
      body: 'Asylum seekers submit their application to OFPRA after visiting the single desk at the prefecture. While their application is examined, they are entitled to accommodation and an allowance.',
    },
    housing: {
      title: 'Finding housing',
      body: 'Refugees can apply for social housing and for housing benefits from the CAF. Associations help them look for a flat.',
    },
    work: {
      title: 'Working in France',
      body: 'With a residence permit you can look for a job. Register with France Travail to find work or training.',
    },
    french: {
      title: 'Learning French',
      body: 'Free French classes are offered by OFII and by associations, for every level, from beginner to advanced.',
    },
  },
  ar: {
    asylum: {
      title: 'طلب اللجوء في فرنسا',
      body: 'يقدّم طالبو اللجوء طلبهم إلى المكتب الفرنسي لحماية اللاجئين وعديمي الجنسية بعد المرور بالشباك الموحّد في المحافظة. وخلال دراسة الطلب، يحقّ لهم الحصول على سكن ومنحة مالية.',
    },
    housing: {
      title: 'إيجاد سكن',
      body: 'يمكن للاجئين طلب سكن اجتماعي ومساعدات السكن من صندوق الإعانات العائلية. وتساعدهم الجمعيات في البحث عن شقة.',
    },
    work: {
      title: 'العمل في فرنسا',
      body: 'بإمكانك البحث عن وظيفة إذا كان لديك تصريح إقامة. سجّل في فرانس ترافاي لتجد عملاً أو تدريباً.',
    },
    french: {
      title: 'تعلّم اللغة الفرنسية',
      body: 'يقدّم المكتب الفرنسي للهجرة والاندماج والجمعيات دروساً مجانية في اللغة الفرنسية لجميع المستويات، من المبتدئ إلى المتقدّم.',
    },
  },
  fa: {
    asylum: {
      title: 'درخواست پناهندگی در فرانسه',
      body: 'پناهجویان درخواست خود را پس از مراجعه به باجه واحد در استانداری به اداره فرانسوی حمایت از پناهندگان و افراد بدون تابعیت ارائه می‌دهند. در مدت بررسی درخواست، حق اسکان و کمک‌هزینه دارند.',
    },
    housing: {
      title: 'پیدا کردن مسکن',
      body: 'پناهندگان می‌توانند برای مسکن اجتماعی و کمک‌هزینه مسکن از صندوق کمک‌های خانوادگی اقدام کنند. انجمن‌ها در پیدا کردن آپارتمان به آن‌ها کمک می‌کنند.',
    },
    work: {
      title: 'کار در فرانسه',
      body: 'با داشتن کارت اقامت می‌توانید به دنبال کار بگردید. در فرانس تراوای ثبت‌نام کنید تا کار یا دوره آموزشی پیدا کنید.',
    },
    french: {
      title: 'یادگیری زبان فرانسوی',
      body: 'کلاس‌های رایگان زبان فرانسوی را اداره مهاجرت و ادغام و انجمن‌ها برای همه سطح‌ها، از مبتدی تا پیشرفته، برگزار می‌کنند.',
    },
  },
  ps: {
    asylum: {
      title: 'په فرانسه کې د پناه غوښتنه',
      body: 'پناه غوښتونکي کولی شي په فرانسه کې د پناه غوښتنه وکړي. د غوښتنې د څېړنې پر مهال دوی د استوګنې ځای او مالي مرسته ترلاسه کوي.',
    },
    housing: {
      title: 'د کور موندل',
      body: 'کډوال کولی شي د ټولنیز کور او د کور د مرستې لپاره درخواست ورکړي. ټولنې ورسره د اپارتمان په موندلو کې مرسته کوي.',
    },
    work: {
      title: 'په فرانسه کې کار',
      body: 'که د اوسېدو اجازه لرئ، کولی شئ کار ولټوئ. په فرانس ټراوای کې نوم ولیکئ چې کار یا روزنه پیدا کړئ.',
    },
    french: {
      title: 'د فرانسوي ژبې زده کړه',
      body: 'وړیا فرانسوي ټولګي د ټولو کچو لپاره جوړېږي، له پیل کوونکو څخه تر پرمختللو پورې.',
    },
  },
  ru: {
    asylum: {
      title: 'Подача заявления на убежище во Франции',
      body: 'Просители убежища подают заявление в OFPRA после визита в единое окно префектуры. Во время рассмотрения заявления они имеют право на жильё и пособие.',
    },
    housing: {
      title: 'Поиск жилья',
      body: 'Беженцы могут подать заявку на социальное жильё и жилищные пособия CAF. Ассоциации помогают им найти квартиру.',
    },
    work: {
      title: 'Работа во Франции',
      body: 'С видом на жительство вы можете искать работу. Зарегистрируйтесь в France Travail, чтобы найти работу или обучение.',
    },
    french: {
      title: 'Изучение французского языка',
      body: 'Бесплатные курсы французского языка проводят OFII и ассоциации для всех уровней, от начинающих до продвинутых.',
    },
  },
  ti: {
    asylum: {
      title: 'ሕቶ ዑቕባ ኣብ ፈረንሳ',
      body: 'ሓተትቲ ዑቕባ ሕቶኦም ናብ OFPRA የቕርቡ። ኣብ እዋን ምርመራ ሕቶ ዑቕባ መሰል መንበሪን ሓገዝ ገንዘብን ኣለዎም።',
    },
    housing: {
      title: 'መንበሪ ገዛ ምርካብ',
      body: 'ስደተኛታት ንማሕበራዊ መንበሪ ገዛን ሓገዝ ገዛን ክሓቱ ይኽእሉ እዮም። ማሕበራት ገዛ ንምርካብ ይሕግዙዎም።',
    },
    work: {
      title: 'ስራሕ ኣብ ፈረንሳ',
      body: 'ፍቓድ መንበሪ እንተለኩም ስራሕ ክትደልዩ ትኽእሉ ኢኹም። ስራሕ ወይ ስልጠና ንምርካብ ኣብ France Travail ተመዝገቡ።',
    },
    french: {
      title: 'ቋንቋ ፈረንሳ ምምሃር',
      body: 'ናጻ ትምህርቲ ቋንቋ ፈረንሳ ንኹሉ ደረጃታት ካብ ጀመርቲ ክሳብ ምዕቡላት ይወሃብ።',
    },
  },
  uk: {
    asylum: {
      title: 'Подання заяви на притулок у Франції',
      body: 'Шукачі притулку подають заяву до OFPRA після відвідування єдиного вікна в префектурі. Під час розгляду заяви вони мають право на житло та допомогу.',
    },
    housing: {
      title: 'Пошук житла',
      body: 'Біженці можуть подати заявку на соціальне житло та житлову допомогу від CAF. Асоціації допомагають їм знайти квартиру.',
    },
    work: {
      title: 'Робота у Франції',
      body: 'З посвідкою на проживання ви можете шукати роботу. Зареєструйтеся у France Travail, щоб знайти роботу або навчання.',
    },
    french: {
      title: 'Вивчення французької мови',
      body: 'Безкоштовні курси французької мови проводять OFII та асоціації для всіх рівнів, від початківців до просунутих.',
    },
  },
};

/** Everyday questions and the topic that answers each. */
export const SAMPLE_QUESTIONS: Readonly<Record<SearchLanguage, [string, Topic][]>> = {
  fr: [
    ["Comment demander l'asile ?", 'asylum'],
    ['Où trouver un appartement ?', 'housing'],
    ['Je cherche un emploi', 'work'],
    ['cours de français pour débutants', 'french'],
  ],
  en: [
    ['How do I apply for asylum?', 'asylum'],
    ['Where can I find a flat?', 'housing'],
    ['I am looking for a job', 'work'],
    ['French classes for beginners', 'french'],
  ],
  ar: [
    ['كيف أطلب اللجوء؟', 'asylum'],
    ['أين أجد شقة؟', 'housing'],
    ['أبحث عن وظيفة', 'work'],
    ['دروس اللغة الفرنسية', 'french'],
  ],
  fa: [
    ['چگونه درخواست پناهندگی بدهم؟', 'asylum'],
    ['چطور آپارتمان پیدا کنم؟', 'housing'],
    ['دنبال کار می‌گردم', 'work'],
    ['کلاس زبان فرانسوی', 'french'],
  ],
  ps: [
    ['زه څنګه د پناه غوښتنه وکړم؟', 'asylum'],
    ['کور چیرته پیدا کړم؟', 'housing'],
    ['زه کار غواړم', 'work'],
    ['فرانسوي ټولګي', 'french'],
  ],
  ru: [
    ['Как подать заявление на убежище?', 'asylum'],
    ['Где найти квартиру?', 'housing'],
    ['Ищу работу', 'work'],
    ['курсы французского языка', 'french'],
  ],
  ti: [
    ['ከመይ ጌረ ዑቕባ ክሓትት እኽእል፧', 'asylum'],
    ['ገዛ ኣበይ ክረክብ እኽእል?', 'housing'],
    ['ስራሕ እደሊ ኣለኹ', 'work'],
    ['ትምህርቲ ቋንቋ ፈረንሳ', 'french'],
  ],
  uk: [
    ['Як подати заяву на притулок?', 'asylum'],
    ['Де знайти квартиру?', 'housing'],
    ['Шукаю роботу', 'work'],
    ['курси французької мови', 'french'],
  ],
};
